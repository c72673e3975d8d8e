import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ForgeLintReport } from '../../scripts/forge-lint';
import { APP_ROOT } from '../../scripts/forge-bundle';

// `forge lint`'s client-side linters, run offline as the CLI runs them (scripts/forge-lint.ts), on the app and on a copy
// whose manifest lacks scopes the code needs. The build fails on any error they report.
const LINT = join(APP_ROOT, 'scripts', 'forge-lint.ts');
const LINT_TIMEOUT_MS = 240_000;

/** Runs the linter from `appDirectory` in its own process, as `forge lint` runs in the app's directory (exit 1: errors found). */
function forgeLint(appDirectory: string): Promise<ForgeLintReport> {
  return new Promise((done, fail) => {
    execFile(process.execPath, ['--import', 'tsx', LINT, '--json'], { cwd: appDirectory, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code !== 1) return fail(new Error(`forge lint could not run in ${appDirectory}: ${stderr || error.message}`));
      done(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ForgeLintReport);
    });
  });
}

/** A copy of the app (its src/, manifest, tsconfig) whose manifest lacks `scopes`; node_modules and the UI builds are shared. */
function copyWithout(scopes: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'forge-lint-test-'));
  for (const file of ['package.json', 'tsconfig.json', '.gitignore']) cpSync(join(APP_ROOT, file), join(dir, file));
  cpSync(join(APP_ROOT, 'src'), join(dir, 'src'), { recursive: true });
  symlinkSync(join(APP_ROOT, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(APP_ROOT, 'static'), join(dir, 'static'));
  const manifest = parse(readFileSync(join(APP_ROOT, 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } };
  manifest.permissions.scopes = manifest.permissions.scopes.filter((scope) => !scopes.includes(scope));
  writeFileSync(join(dir, 'manifest.yml'), stringify(manifest));
  return dir;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [relative(APP_ROOT, path)] : [];
  });
}

const withoutScopes = copyWithout(['write:issue.property:jira', 'read:group:jira']);
let app: ForgeLintReport;
let lacking: ForgeLintReport;

beforeAll(async () => {
  [app, lacking] = await Promise.all([forgeLint(APP_ROOT), forgeLint(withoutScopes)]);
}, LINT_TIMEOUT_MS);
afterAll(() => rmSync(withoutScopes, { recursive: true, force: true }));

test('forge lint reads every source file of src/ (the tsconfig include lists them as globs)', () => {
  expect(app.parsed.length).toBeGreaterThan(0);
  expect([...app.parsed].map((file) => file.replace(/^\.\//, '')).sort()).toEqual(sourceFiles(join(APP_ROOT, 'src')).sort());
});

test('forge lint finds no error in the app: every Jira call is covered by a scope of the manifest', () => {
  expect(app.problems.filter((problem) => problem.level !== 'warning')).toEqual([]);
});

test('forge lint fails when the manifest lacks a scope a Jira call needs, naming the call and the scope', () => {
  const errors = lacking.problems.filter((problem) => problem.level === 'error').map((problem) => `${problem.file}: ${problem.message}`);
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/src\/forge\/issue-store\.ts: .*PUT .*\/rest\/api\/3\/issue\/\{issueIdOrKey\}\/properties\/\{propertyKey\}.*write:jira-work/),
      expect.stringMatching(/src\/forge\/directory\.ts: .*GET .*\/rest\/api\/3\/user\/groups.*read:jira-user/),
      expect.stringMatching(/src\/forge\/directory\.ts: .*GET .*\/rest\/api\/3\/group\/member.*manage:jira-configuration/),
    ]),
  );
});
