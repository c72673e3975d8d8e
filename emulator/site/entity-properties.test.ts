import { summaryOf } from '../../test/support/summary-of';
import { templateConfig } from '../../test/support/v1-templates';
import { extractIndexEntries, findManifest, readIndexedValues } from './entity-properties';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

// Jira indexes an entity property's declared values only when they have the declared type; dates only in the format
// Forge documents (YYYY-MM-DDThh:mm:ssTZ, no fractional seconds). A value Jira would not index is not found by JQL.
const SUMMARY = 'golive-gate.summary';
const declared = readIndexedValues(findManifest());
const indexedUpdated = (updated: unknown): number[] =>
  extractIndexEntries(declared, SUMMARY, { updated }).flatMap((entry) => (entry.path === 'updated' && entry.num !== null ? [entry.num] : []));

describe('date values', () => {
  it.each(['2026-03-01T10:00:00Z', '2026-03-01T10:00:00+01:00', '2026-03-01T10:00:00-0500'])('indexes %s', (value) => {
    expect(indexedUpdated(value)).toEqual([Date.parse(value)]);
  });

  it.each([
    ['with milliseconds', '2026-03-01T10:00:00.000Z'],
    ['without a time zone', '2026-03-01T10:00:00'],
    ['in another notation', 'Sun, 01 Mar 2026 10:00:00 GMT'],
    ['as a number', Date.UTC(2026, 2, 1)],
  ])('does not index a date %s', (_how, value) => {
    expect(indexedUpdated(value)).toEqual([]);
  });

  it("indexes the app's own summary date", () => {
    const config = templateConfig('managed-addon');
    if (!config) throw new Error('no managed-addon template');
    const now = new Date('2026-03-01T10:00:00.123Z');
    const summary = summaryOf(config, { issue: { id: '10001', key: 'SKU-1', reporterAccountId: 'acc-pm' }, properties: {}, digests: {} }, now);
    expect(summary.updated).toBe('2026-03-01T10:00:00Z');
    expect(indexedUpdated(summary.updated)).toEqual([Date.UTC(2026, 2, 1, 10)]);
  });
});

describe('values of the declared type only', () => {
  it('indexes numbers for a number path and leaves out what is not one', () => {
    const entries = extractIndexEntries(declared, SUMMARY, { capacity: 'many', velocity: 2.5, approved: true });
    expect(entries).toEqual([{ path: 'velocity', num: 2.5, str: null }]);
  });

  it('indexes each element of an array for a string path, and no object', () => {
    const entries = extractIndexEntries(declared, SUMMARY, { pending: ['cee', { team: 'sre-p' }], status: { value: 'blocked' } });
    expect(entries).toEqual([{ path: 'pending', num: null, str: 'cee' }]);
  });
});

describe('over REST and JQL', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite();
  });
  afterAll(() => site.close());

  const keys = async (jql: string): Promise<string[]> => {
    const answer = await site.request('POST', '/rest/api/3/search/jql', { as: 'pm@example.com', body: { jql, fields: ['summary'] } });
    return (answer.body as { issues: { key: string }[] }).issues.map((issue) => issue.key);
  };

  it('finds a ticket by a date Jira indexes and not by one it would not', async () => {
    const put = (key: string, updated: string) =>
      site.request('PUT', `/rest/api/3/issue/${key}/properties/${SUMMARY}`, { as: 'pm@example.com', body: { status: 'blocked', updated } });
    expect((await put('SKU-1', '2030-06-01T08:00:00Z')).status).toBe(201);
    expect((await put('SKU-2', '2030-06-01T08:00:00.000Z')).status).toBe(201);
    expect(await keys('project = SKU AND goLiveGateUpdated >= "2030-01-01"')).toEqual(['SKU-1']);
    expect(await keys('project = SKU AND goLiveGateUpdated IS EMPTY AND key = SKU-2')).toEqual(['SKU-2']);
  });
});
