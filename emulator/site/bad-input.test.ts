import fc from 'fast-check';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

// Every write of the resources added for comments, links, releases and edits answers a generated body, however wrong,
// with 2xx or 4xx and Jira's error body: never 5xx.
let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(() => site.close());

const hostile = fc.oneof(fc.constantFrom('<script>alert(1)</script>', '__proto__', "'; DROP TABLE comments; --", '\u0000\uffff', 'x'.repeat(40_000)), fc.string({ maxLength: 30 }));
const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ body: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostile.map(doc)) }, { requiredKeys: [] }),
  fc.record({ object: fc.record({ url: fc.oneof(hostile, fc.webUrl()), title: hostile }, { requiredKeys: [] }), globalId: hostile }, { requiredKeys: [] }),
  fc.record({ name: hostile, project: fc.constantFrom('SKU', 'NOPE'), releaseDate: fc.oneof(hostile, fc.constant('2031-02-30')), startDate: hostile }, { requiredKeys: [] }),
  fc.record({ fields: fc.dictionary(fc.constantFrom('summary', 'description', 'fixVersions', 'priority'), fc.jsonValue({ maxDepth: 3 })), update: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
);

test('the new write resources never answer 5xx to a generated body, and every refusal is Jira’s error body', async () => {
  const comment = await site.request('POST', '/rest/api/3/issue/SKU-1/comment', { as: 'pm@example.com', body: { body: doc('seed') } });
  const link = await site.request('POST', '/rest/api/3/issue/SKU-1/remotelink', { as: 'pm@example.com', body: { object: { url: 'https://example.com', title: 'seed' } } });
  const version = await site.request('POST', '/rest/api/3/version', { as: 'admin@example.com', body: { name: 'Bad input seed', project: 'SKU' } });
  const targets: [string, string][] = [
    ['POST', '/rest/api/3/issue/SKU-1/comment'],
    ['PUT', `/rest/api/3/issue/SKU-1/comment/${(comment.body as { id: string }).id}`],
    ['POST', '/rest/api/3/issue/SKU-1/remotelink'],
    ['PUT', `/rest/api/3/issue/SKU-1/remotelink/${(link.body as { id: number }).id}`],
    ['POST', '/rest/api/3/version'],
    ['PUT', `/rest/api/3/version/${(version.body as { id: string }).id}`],
    ['PUT', '/rest/api/3/issue/SKU-1'],
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...targets), body, async ([method, path], payload) => {
      const response = await site.request(method, path, { as: 'admin@example.com', body: payload });
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expect(response.body).toEqual({ errorMessages: expect.any(Array) as unknown, errors: expect.any(Object) as unknown });
    }),
    { numRuns: 300, seed: 20_260_401 },
  );
});
