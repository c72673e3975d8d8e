import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const TOKEN_THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

export type Assets = ReadonlyMap<string, { readonly type: string; readonly body: Buffer }>;

/**
 * The host's files, built from emulator/host/browser by `npm run build`: the pages' stylesheet and script (served with
 * the pages), the frames' bridge (served with the frames, from the Custom UI CDN), and the design tokens (both).
 * @example const { page, frame } = loadAssets(projectRoot()); page.get('/__host/page.js')
 */
export function loadAssets(root: string): { readonly page: Assets; readonly frame: Assets } {
  const dir = join(root, 'emulator', 'host', 'assets');
  const built = join(root, 'emulator', 'dist', 'host');
  const script = (name: string): Buffer => {
    try {
      return readFileSync(join(built, name));
    } catch {
      throw new Error(`${join(built, name)} is missing: run npm run build`);
    }
  };
  const load = createRequire(join(root, 'package.json'));
  const tokens = TOKEN_THEMES.map((theme) => {
    const css = (load(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default: string }).default;
    return `/* @atlaskit/tokens ${theme} */\n${css}`;
  }).join('\n');
  const tokenSheet = { type: 'text/css; charset=utf-8', body: Buffer.from(tokens) };
  return {
    page: new Map([
      ['/__host/page.js', { type: 'text/javascript; charset=utf-8', body: script('page.js') }],
      ['/__host/page.js.map', { type: 'application/json; charset=utf-8', body: script('page.js.map') }],
      ['/__host/host.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(dir, 'host.css')) }],
      ['/__host/tokens.css', tokenSheet],
    ]),
    frame: new Map([
      ['/__host/bridge.js', { type: 'text/javascript; charset=utf-8', body: script('bridge.js') }],
      ['/__host/bridge.js.map', { type: 'application/json; charset=utf-8', body: script('bridge.js.map') }],
      ['/__host/tokens.css', tokenSheet],
    ]),
  };
}
