import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README's commands are what a new user types: these tests hold them to what CI really runs (issue 11: "every
// command in the deploy section either runs in CI offline or is one that needs an Atlassian account, and says which").
const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CI = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; allowScripts?: Record<string, boolean> };

/** The body of the README section under `heading` (up to the next heading of the same level). */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The commands of the first ```sh block of a section, comments and blank lines left out. */
function commandsOf(text: string): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error('no ```sh block');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** CI's commands: the lines of .ci/run that run npm or node, the `if !` of its install included. */
const ciCommands = CI.split('\n')
  .map((line) => line.trim().replace(/^if ! (.*); then$/, '$1'))
  .filter((line) => /^(npm|node|npx) /.test(line));
const withoutQuietFlags = (command: string): string => command.replace(' --no-audit --no-fund', '');

describe('the README tells a new user what CI runs', () => {
  it('shows npm ci && npm start and npm test first, and CI runs that npm ci, then npm test', () => {
    expect(commandsOf(section('Try it on this machine (no Atlassian account needed)'))).toEqual(['npm ci && npm start', 'npm test']);
    expect(withoutQuietFlags(ciCommands[0] ?? '')).toBe('npm ci');
    expect(ciCommands.at(-1)).toBe('npm test');
    expect(PACKAGE.scripts['start']).toBeDefined();
  });

  it('lets npm ci run the install scripts the app needs and not keytar\'s, and the fallback the README gives is CI\'s', () => {
    // Every package whose install script the lock records is approved or denied: none runs unreviewed.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const scripted = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript === true).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect([...new Set(scripted)].sort()).toEqual(Object.keys(PACKAGE.allowScripts ?? {}).sort());
    expect(PACKAGE.allowScripts?.['keytar']).toBe(false);
    const allowed = Object.entries(PACKAGE.allowScripts ?? {}).filter(([, allow]) => allow).map(([name]) => name);
    const fallback = ciCommands.slice(1, -1).map(withoutQuietFlags);
    expect(fallback).toEqual(['npm ci --ignore-scripts', `npm rebuild ${fallback[1]?.replace('npm rebuild ', '') ?? ''}`]);
    expect(fallback[1]?.replace('npm rebuild ', '').split(' ').sort()).toEqual(allowed.sort());
    expect(section('Try it on this machine (no Atlassian account needed)').replace(/\s+/g, ' ')).toContain(fallback.join(' && '));
    expect(commandsOf(section('Deploy to a real Jira Cloud site'))[0]).toBe('npm ci');
  });

  it('says for every deploy command whether CI runs it offline or it needs an Atlassian account', () => {
    const deploy = section('Deploy to a real Jira Cloud site');
    const rows = [...deploy.matchAll(/^\| `([^|]+)` \| (.+) \|$/gm)].map(([, commands = '', where = '']) => ({ commands: commands.split(/`, `/), where }));
    for (const command of commandsOf(deploy)) {
      const row = rows.find((r) => r.commands.some((named) => command.startsWith(named.replace(/ …$/, ''))));
      expect({ command, said: row !== undefined }).toEqual({ command, said: true });
      const where = row?.where ?? '';
      // A row that names a test says CI runs the command through `npm test`: that test must exist.
      const tests = [...where.matchAll(/`(test\/[\w/-]+\.test\.ts)`/g)].map(([, file = '']) => file);
      for (const file of tests) expect({ file, exists: existsSync(join(ROOT, file)) }).toEqual({ file, exists: true });
      expect({ command, where: tests.length > 0 || /CI|npm test|Atlassian account|npm registry only/.test(where) }).toEqual({ command, where: true });
    }
  });

  it('names only scripts that exist, and the deploy build is the one npm test runs first', () => {
    const deploy = commandsOf(section('Deploy to a real Jira Cloud site'));
    for (const command of deploy) {
      const script = /scripts\/[\w-]+\.m?ts/.exec(command)?.[0];
      if (script !== undefined) expect({ script, exists: existsSync(join(ROOT, script)) }).toEqual({ script, exists: true });
    }
    expect(deploy).toContain('npm run build');
    expect(PACKAGE.scripts['test']?.startsWith('npm run build')).toBe(true);
  });
});
