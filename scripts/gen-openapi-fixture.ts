// `npx tsx scripts/gen-openapi-fixture.ts [openapi.json]` writes test/fixtures/jira-openapi-subset.json: the operations the local site implements, taken from Jira's own
// OpenAPI description (../shared/reference/jira-cloud-platform-openapi.json, or the path given as the first
// argument), plus every schema they reference, resolved transitively. The contract test validates against it,
// so tests never need the 2.4 MB original.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const source = resolve(root, process.argv[2] ?? '../shared/reference/jira-cloud-platform-openapi.json');
const target = resolve(root, 'test/fixtures/jira-openapi-subset.json');

// Keep in step with ROUTES in emulator/site/index.ts (the contract test checks that they match).
const OPERATIONS = [
  'GET /rest/api/3/myself',
  'POST /rest/api/3/issue',
  'GET /rest/api/3/issue/{issueIdOrKey}',
  'PUT /rest/api/3/issue/{issueIdOrKey}',
  'GET /rest/api/3/issue/{issueIdOrKey}/comment',
  'POST /rest/api/3/issue/{issueIdOrKey}/comment',
  'GET /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
  'PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
  'DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}',
  'GET /rest/api/3/issue/{issueIdOrKey}/remotelink',
  'POST /rest/api/3/issue/{issueIdOrKey}/remotelink',
  'DELETE /rest/api/3/issue/{issueIdOrKey}/remotelink',
  'GET /rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
  'PUT /rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
  'DELETE /rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}',
  'POST /rest/api/3/issueLink',
  'DELETE /rest/api/3/issueLink/{linkId}',
  'GET /rest/api/3/issueLinkType',
  'POST /rest/api/3/issue/{issueIdOrKey}/attachments',
  'GET /rest/api/3/attachment/{id}',
  'DELETE /rest/api/3/attachment/{id}',
  'GET /rest/api/3/attachment/content/{id}',
  'GET /rest/api/3/issue/{issueIdOrKey}/properties',
  'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
  'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
  'DELETE /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
  'GET /rest/api/3/issue/{issueIdOrKey}/transitions',
  'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
  'POST /rest/api/3/issue/{issueIdOrKey}/notify',
  'GET /rest/api/3/users/search',
  'GET /rest/api/3/user/bulk',
  'GET /rest/api/3/user/groups',
  'GET /rest/api/3/group/member',
  'POST /rest/api/3/group/user',
  'DELETE /rest/api/3/group/user',
  'GET /rest/api/3/groups/picker',
  'GET /rest/api/3/mypermissions',
  'GET /rest/api/3/project/{projectIdOrKey}',
  'GET /rest/api/3/project/{projectIdOrKey}/versions',
  'POST /rest/api/3/version',
  'GET /rest/api/3/version/{id}',
  'PUT /rest/api/3/version/{id}',
  'GET /rest/api/3/project/{projectIdOrKey}/properties',
  'GET /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
  'PUT /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
  'DELETE /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
  'GET /rest/api/3/search/jql',
  'POST /rest/api/3/search/jql',
  'GET /rest/api/3/workflow/rule/config',
  'GET /rest/api/3/workflowscheme/project',
  'GET /rest/api/3/field',
];

/** The parts of an OpenAPI 3 description this script reads; everything else is copied as it is. */
interface Operation {
  readonly operationId?: string;
  readonly parameters?: readonly { readonly description?: unknown; readonly [key: string]: unknown }[];
  readonly requestBody?: unknown;
  readonly responses: Readonly<Record<string, { readonly description?: unknown; readonly [key: string]: unknown }>>;
}
interface OpenApi {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation | undefined>> | undefined>>;
  readonly components: { readonly schemas: Readonly<Record<string, unknown>> };
}

const spec = JSON.parse(readFileSync(source, 'utf8')) as OpenApi;
const paths: Record<string, Record<string, unknown>> = {};
for (const operation of OPERATIONS) {
  const [method = '', path = ''] = operation.split(' ');
  const found = spec.paths[path]?.[method.toLowerCase()];
  if (!found) throw new Error(`Jira's OpenAPI description has no operation ${operation}`);
  const methods = (paths[path] ??= {});
  // Only what the contract needs: parameters, request body and responses.
  methods[method.toLowerCase()] = {
    operationId: found.operationId,
    ...(found.parameters ? { parameters: found.parameters.map(({ description: _description, ...parameter }) => parameter) } : {}),
    ...(found.requestBody ? { requestBody: found.requestBody } : {}),
    responses: Object.fromEntries(Object.entries(found.responses).map(([status, { description: _description, ...response }]) => [status, response])),
  };
}

const schemas: Record<string, unknown> = {};
const pending: unknown[] = [paths];
while (pending.length > 0) {
  const node = pending.pop();
  if (Array.isArray(node)) pending.push(...(node as unknown[]));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '');
        if (!(name in schemas)) {
          const schema = spec.components.schemas[name];
          if (!schema) throw new Error(`Unresolvable reference ${value}`);
          schemas[name] = schema;
          pending.push(schema);
        }
      } else pending.push(value);
    }
  }
}

const subset = {
  openapi: spec.openapi,
  info: { title: `${spec.info.title} (subset served by the local site)`, version: spec.info.version },
  paths,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
};
writeFileSync(target, `${JSON.stringify(subset, null, 2)}\n`);
console.log(`Wrote ${target}: ${OPERATIONS.length} operations, ${Object.keys(schemas).length} schemas.`);
