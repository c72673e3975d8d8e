// Writes test/fixtures/jira-openapi-scopes.json: every path and method of Jira's OpenAPI description
// (../shared/reference/jira-cloud-platform-openapi.json, or the path given as the first argument) with only what
// `forge lint`'s permission linter reads from it: `x-atlassian-oauth2-scopes` and the OAuth2 `security` entries. The
// linter takes it offline through LOCAL_JIRA_SWAGGER (scripts/forge-lint.ts), so CI needs neither the 2.4 MB original
// nor the network. Every path is kept, in Jira's order, because the linter maps a call to the first path that matches.
//
//   node --import tsx scripts/gen-lint-openapi.ts [path/to/jira-cloud-platform-openapi.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const root = resolve(__dirname, '..');
const source = resolve(root, process.argv[2] ?? '../shared/reference/jira-cloud-platform-openapi.json');
export const LINT_OPENAPI_FIXTURE = resolve(root, 'test/fixtures/jira-openapi-scopes.json');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const OperationSchema = z.looseObject({
  'x-atlassian-oauth2-scopes': z.array(z.looseObject({ scopes: z.array(z.string()), state: z.string() })).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
});
const SpecSchema = z.looseObject({
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

function scopesOnly(operation: z.infer<typeof OperationSchema>): Record<string, unknown> {
  const oauth2 = operation['x-atlassian-oauth2-scopes']?.map(({ scopes, state }) => ({ scopes, state }));
  const security = operation.security?.filter((entry) => 'OAuth2' in entry);
  return { ...(oauth2 && { 'x-atlassian-oauth2-scopes': oauth2 }), ...(security && security.length > 0 && { security }) };
}

if (require.main === module) {
  const spec = SpecSchema.parse(JSON.parse(readFileSync(source, 'utf8')));
  const lines = Object.entries(spec.paths).map(([path, item]) => {
    const methods = Object.fromEntries(
      METHODS.filter((method) => item[method] !== undefined).map((method) => [method, scopesOnly(OperationSchema.parse(item[method]))]),
    );
    return `    ${JSON.stringify(path)}: ${JSON.stringify(methods)}`;
  });
  // One path per line: a change of Jira's description shows as a readable diff.
  const info = JSON.stringify({ title: `${spec.info.title} (paths and OAuth2 scopes only, for forge lint)`, version: spec.info.version });
  writeFileSync(LINT_OPENAPI_FIXTURE, `{\n  "info": ${info},\n  "paths": {\n${lines.join(',\n')}\n  }\n}\n`);
  console.log(`Wrote ${LINT_OPENAPI_FIXTURE}: ${lines.length} paths.`);
}
