// The local site refuses abusive JQL as Jira does: 400 with Jira's error body, never a 500 or a dropped connection.
import type { TestSite } from '../test-support';
import { startTestSite } from '../test-support';
import { JQL_LIMITS } from './limits';

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});

const search = (jql: string) => site.request('POST', '/rest/api/3/search/jql', { as: 'pm@example.com', body: { jql, maxResults: 10 } });
const clause = (n: number) => `summary ~ "ticket${n}"`;

describe('abusive JQL answers 400 with Jira’s error body', () => {
  test.each([
    ['3,000 ANDs', Array.from({ length: 3000 }, (_, n) => clause(n)).join(' AND ')],
    ['3,000 ORs', Array.from({ length: 3000 }, (_, n) => `key = SKU-${n + 1}`).join(' OR ')],
    ['20,000 nested parentheses', `${'('.repeat(20_000)}project = SKU${')'.repeat(20_000)}`],
    ['20,000 NOTs', `${'NOT '.repeat(20_000)}project = SKU`],
    ['20,000 nested NOTs with parentheses', `${'NOT ('.repeat(20_000)}project = SKU${')'.repeat(20_000)}`],
    ['a 1 MB ~ pattern', `summary ~ "${'a'.repeat(1024 * 1024)}"`],
    ['a 1 MB unquoted word', `project = ${'A'.repeat(1024 * 1024)}`],
    ['an IN list of 20,000 values', `key IN (${Array.from({ length: 20_000 }, (_, n) => `SKU-${n}`).join(', ')})`],
  ])('%s', async (_, jql) => {
    const response = await search(jql);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errorMessages: [expect.any(String) as string], errors: {} });
    expect((response.body as { errorMessages: string[] }).errorMessages[0]!.length).toBeLessThan(500);
  });

  test('a text-search term over the limit', async () => {
    const response = await search(`project = SKU AND summary ~ "${'a'.repeat(JQL_LIMITS.textTermLength + 1)}"`);
    expect(response).toMatchObject({ status: 400, body: { errorMessages: [expect.stringMatching(/at most 1000/) as string] } });
  });

  test('unbalanced parentheses of any depth are a syntax error, not a crash', async () => {
    const response = await search(`${'('.repeat(50_000)}project = SKU`);
    expect(response.status).toBe(400);
  });

  test('queries within the limits still answer', async () => {
    const ands = Array.from({ length: JQL_LIMITS.clauses - 1 }, (_, n) => `summary !~ "nothing${n}"`).join(' AND ');
    expect((await search(`project = SKU AND ${ands}`)).status).toBe(200);
    const nested = `${'('.repeat(JQL_LIMITS.depth - 1)}project = SKU${')'.repeat(JQL_LIMITS.depth - 1)}`;
    expect((await search(nested)).status).toBe(200);
    expect((await search(`project = SKU AND summary ~ "${'a'.repeat(JQL_LIMITS.textTermLength)}"`)).status).toBe(200);
    const projects = Array.from({ length: JQL_LIMITS.listValues }, () => 'SKU').join(', ');
    const found = await search(`project IN (${projects})`);
    expect(found.status).toBe(200);
    expect((found.body as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });

  test('the site keeps answering after every abusive query', async () => {
    expect((await search('project = SKU')).status).toBe(200);
  });
});
