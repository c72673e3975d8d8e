// Runs `forge lint`'s client-side linters offline, the way the Forge CLI runs them before a deploy: every file under
// ./src (less .gitignore'd ones), the manifest as the CLI parses it, and @forge/lint's own client-side linters (manifest,
// handlers, permissions: each literal requestJira(route`...`) against the scopes Jira's REST description asks for).
// Jira's description comes from test/fixtures (scripts/gen-lint-openapi.ts) through the linter's USE_LOCAL_SWAGGER
// variables, with no paths for the products the app does not call. The server-side half needs an Atlassian login.
//
//   node --import tsx scripts/forge-lint.ts          # from the app directory; prints like forge lint, exits 1 on errors
//   node --import tsx scripts/forge-lint.ts --json   # one JSON line: files parsed and every problem
import { join, resolve } from 'node:path';
import { ConfigFile, FileSystemReader, FileSystemWriter, listGitIgnoreFiles } from '@forge/cli-shared';
import type { LintResult } from '@forge/lint';
import { lint, parseSourceFile, problemCount, reportLintResults } from '@forge/lint';

const FIXTURES = resolve(__dirname, '..', 'test', 'fixtures');
/** The directory `forge lint` reads source from (the CLI's default). */
const SOURCE_DIRECTORY = './src';

export interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly level: 'error' | 'warning' | 'approval';
  readonly message: string;
}

export interface ForgeLintReport {
  /** The source files the linters parsed (those the tsconfig `include` lists, as the CLI filters them). */
  readonly parsed: readonly string[];
  readonly problems: readonly LintProblem[];
}

/** Points @forge/lint's permission linter at local copies of the products' REST descriptions, unless already set. */
function useLocalOpenApi(): void {
  const none = join(FIXTURES, 'openapi-no-paths.json');
  const defaults: Record<string, string> = {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: join(FIXTURES, 'jira-openapi-scopes.json'),
    LOCAL_JSM_SWAGGER: none,
    LOCAL_JSW_SWAGGER: none,
    LOCAL_CONF_SWAGGER: none,
    LOCAL_CONF_V2_SWAGGER: none,
    LOCAL_BB_SWAGGER: none,
  };
  for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
}

/** The feature-flag service the CLI passes; offline, no Node runtime is flagged as deprecated. */
const offlineStatsig = { getDeprecatedRuntimes: () => Promise.resolve([]) } as unknown as Parameters<typeof lint>[4];

const quietLogger = { info: () => undefined, debug: () => undefined, warn: () => undefined, trace: () => undefined };

function problemsOf(results: readonly LintResult[]): LintProblem[] {
  return results.flatMap((result) => [
    ...result.errors.map((rule) => ({ file: result.file, line: rule.line, column: rule.column, level: 'error' as const, message: rule.message })),
    ...result.warnings.map((rule) => ({ file: result.file, line: rule.line, column: rule.column, level: 'warning' as const, message: rule.message })),
    ...result.approvals.map((rule) => ({ file: result.file, line: rule.line, column: rule.column, level: 'approval' as const, message: rule.message })),
  ]);
}

/**
 * Lints the app in the current directory as `forge lint` does (client-side), answering what it parsed and found.
 * @example const { parsed, problems } = await lintLikeForge(); // run with cwd = the app directory
 */
export async function lintLikeForge(): Promise<{ report: ForgeLintReport; results: LintResult[] }> {
  useLocalOpenApi();
  const reader = new FileSystemReader();
  const configFile = new ConfigFile(reader, new FileSystemWriter());
  const exclude = [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const files = await reader.recursiveReadDir(SOURCE_DIRECTORY, exclude);
  const manifest = await configFile.readConfig();
  const parsed: string[] = [];
  const results = await lint(files, manifest, 'development', quietLogger, offlineStatsig, {
    linter: { mode: 'client-side' },
    parseFunction: (filepath, parser) => {
      parsed.push(filepath);
      return parseSourceFile(filepath, parser);
    },
  });
  return { report: { parsed, problems: problemsOf(results) }, results };
}

if (require.main === module) {
  lintLikeForge()
    .then(({ report, results }) => {
      if (process.argv.includes('--json')) console.log(JSON.stringify(report));
      else {
        reportLintResults({ ...quietLogger, info: (message: string) => console.log(message) }, results);
        console.log(`forge lint (client-side, offline): ${report.parsed.length} files of src/ parsed`);
      }
      process.exitCode = problemCount(results).errors > 0 ? 1 : 0;
    })
    .catch((error: unknown) => {
      console.error(`forge lint could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    });
}
