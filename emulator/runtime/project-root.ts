import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest directory above this file holding manifest.yml.
 * Works from the sources (jest, tsx) and from the bundle in emulator/dist.
 * @example readFileSync(join(projectRoot(), 'manifest.yml'))
 */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'manifest.yml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No manifest.yml found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
