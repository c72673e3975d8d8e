import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_BODY_OPERATIONS } from './media-type';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

// Jira takes JSON bodies only as application/json (415 otherwise), as its REST description declares per operation.
interface OpenApiSubset {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
}
const description = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'jira-openapi-subset.json'), 'utf8')) as OpenApiSubset;

test("requires application/json exactly where Jira's description takes JSON bodies only", () => {
  const jsonOnly = Object.entries(description.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.requestBody !== undefined && Object.keys(operation.requestBody.content).join() === 'application/json')
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  expect([...JSON_BODY_OPERATIONS].sort()).toEqual(jsonOnly.sort());
});

describe('over REST', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite();
  });
  afterAll(() => site.close());

  const put = (contentType: string | undefined) =>
    site.request('PUT', '/rest/api/3/issue/SKU-1/properties/media-type-test', {
      as: 'pm@example.com',
      rawBody: '{"x":1}',
      headers: contentType === undefined ? {} : { 'Content-Type': contentType },
    });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])('refuses a JSON body sent as %s with 415, storing nothing', async (type) => {
    const answer = await put(type);
    expect(answer.status).toBe(415);
    expect((await site.request('GET', '/rest/api/3/issue/SKU-1/properties/media-type-test', { as: 'pm@example.com' })).status).toBe(404);
  });

  it('takes application/json with a charset', async () => {
    expect((await put('application/json; charset=UTF-8')).status).toBe(201);
  });
});
