import { JqlError, parseJql } from './jql/parse';
import type { TestSite } from './test-support';
import { startTestSite } from './test-support';

describe('JQL parser', () => {
  test('parses clauses, AND binding tighter than OR, NOT, parentheses and ORDER BY', () => {
    const query = parseJql('project = SKU AND status = "In Review" OR NOT (key IN (SKU-1, SKU-2)) ORDER BY goLiveGateApproved DESC, key');
    expect(query.where).toMatchObject({
      kind: 'or',
      items: [
        { kind: 'and', items: [{ field: { name: 'project' }, operator: '=', operand: { text: 'SKU' } }, { field: { name: 'status' }, operand: { text: 'In Review' } }] },
        { kind: 'not', expr: { operator: 'IN', operand: { kind: 'list', items: [{ text: 'SKU-1' }, { text: 'SKU-2' }] } } },
      ],
    });
    expect(query.orderBy).toMatchObject([
      { field: { name: 'goLiveGateApproved' }, direction: 'DESC' },
      { field: { name: 'key' }, direction: 'ASC' },
    ]);
  });

  test('parses issue.property[key].path, IS NOT EMPTY, NOT IN and functions', () => {
    expect(parseJql('issue.property[golive-gate.summary].status IS NOT EMPTY').where).toEqual({
      kind: 'clause',
      field: { kind: 'property', propertyKey: 'golive-gate.summary', path: 'status', position: 1 },
      operator: 'IS NOT',
      operand: { kind: 'empty' },
    });
    expect(parseJql('reporter NOT IN (currentUser(), "acc-pm")').where).toMatchObject({ operator: 'NOT IN', operand: { items: [{ kind: 'function', name: 'currentUser' }, { text: 'acc-pm' }] } });
  });

  test.each([
    ['project = ', "Expecting either a value, list or function but got the end of the query. (line 1, character 11)"],
    ['project SKU', "Expecting operator but got 'SKU'."],
    ['status = "In Review', "The quoted string 'In Review' has not been completed. (line 1, character 10)"],
    ['project = SKU status = Live', "Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"],
    ['(project = SKU', "Expecting ')' but got the end of the query."],
    ['project = SKU ORDER key', "Expecting 'BY' but got 'key'."],
    ['AND = 1', "Expecting a field name but got 'AND'."],
  ])('reports %s as malformed with Jira’s wording', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});

describe('JQL search over the site', () => {
  let site: TestSite;
  const app = { as: { app: true } } as const;

  const search = async (jql: string, extra = '') => site.request('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}${extra}`, { as: 'pm@example.com' });
  const keys = async (jql: string) => {
    const response = await search(jql);
    if (response.status !== 200) throw new Error(`${jql}: ${response.text}`);
    return (response.body as { issues: { key: string }[] }).issues.map((issue) => issue.key);
  };

  beforeAll(async () => {
    site = await startTestSite({ now: () => Date.UTC(2026, 0, 15) });
    const summaries: Record<string, unknown> = {
      'SKU-1': { status: 'blocked', stage: 'promote-to-prod', approved: 0, required: 4, pending: ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'], updated: '2026-01-10T00:00:00Z' },
      'SKU-2': { status: 'blocked', stage: 'promote-to-prod', approved: 2, required: 4, pending: ['sre-p', 'dev-team'], capacity: 120, updated: '2026-01-14T00:00:00Z' },
      'SKU-3': { status: 'ready', stage: 'go-live', approved: 13, required: 13, pending: [], capacity: 300, velocity: 2.5, overridden: 'no', updated: '2026-01-12T00:00:00Z' },
    };
    for (const [key, value] of Object.entries(summaries)) {
      expect((await site.request('PUT', `/rest/api/3/issue/${key}/properties/golive-gate.summary`, { ...app, body: value })).status).toBe(201);
    }
    // Not declared in the manifest: stored, never searchable.
    await site.request('PUT', '/rest/api/3/issue/SKU-4/properties/other.prop', { ...app, body: { status: 'blocked' } });
  });
  afterAll(async () => {
    await site.close();
  });

  test('filters by project, status and key', async () => {
    expect(await keys('project = SKU ORDER BY key')).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4']);
    expect(await keys('project = 10000 AND status = "in review"')).toEqual(['SKU-2']);
    expect(await keys('status IN ("To Do", Live) ORDER BY key DESC')).toEqual(['SKU-4', 'SKU-1']);
    expect(await keys('key = SKU-3')).toEqual(['SKU-3']);
    expect(await keys('issuekey IN (SKU-1, SKU-4) ORDER BY key')).toEqual(['SKU-1', 'SKU-4']);
    expect(await keys('project = SKU AND key > SKU-2 ORDER BY key')).toEqual(['SKU-3', 'SKU-4']);
    expect(await keys('project = SKU AND status != Live ORDER BY key')).toEqual(['SKU-1', 'SKU-2', 'SKU-3']);
  });

  test('searches summary text with ~ and compares created dates', async () => {
    expect(await keys('summary ~ "add-on C"')).toEqual(['SKU-3']);
    expect(await keys('project = SKU AND summary !~ go-live')).toEqual([]);
    expect(await keys('created >= -10d ORDER BY created DESC')).toEqual(['SKU-1', 'SKU-2']);
    expect(await keys('created < "2025/12/20 00:00" ORDER BY created')).toEqual(['SKU-4']);
  });

  test('filters by reporter, including currentUser()', async () => {
    expect(await keys('reporter = currentUser() ORDER BY key')).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4']);
    expect(await keys('reporter = "admin@example.com"')).toEqual([]);
  });

  test('searches indexed property values by alias and by issue.property[...]', async () => {
    expect(await keys('goLiveGateStatus = blocked ORDER BY key')).toEqual(['SKU-1', 'SKU-2']);
    expect(await keys('issue.property[golive-gate.summary].status = ready')).toEqual(['SKU-3']);
    expect(await keys('goLiveGateApproved >= 2 ORDER BY goLiveGateApproved DESC')).toEqual(['SKU-3', 'SKU-2']);
    expect(await keys('goLiveGateApproved < 2')).toEqual(['SKU-1']);
    expect(await keys('goLiveGateStage IN (go-live, alpha)')).toEqual(['SKU-3']);
    expect(await keys('goLiveGateVelocity = 2.5')).toEqual(['SKU-3']);
  });

  test('matches an array value when any element matches', async () => {
    expect(await keys('goLiveGatePending = sre-p ORDER BY key')).toEqual(['SKU-1', 'SKU-2']);
    expect(await keys('goLiveGatePending IN (mt-sre, osd-e2e)')).toEqual(['SKU-1']);
    expect(await keys('project = SKU AND goLiveGatePending != mt-sre ORDER BY key')).toEqual(['SKU-2']);
    expect(await keys('goLiveGatePending NOT IN (dev-team)')).toEqual([]);
  });

  test('IS EMPTY matches issues without the value, IS NOT EMPTY those with it', async () => {
    expect(await keys('project = SKU AND goLiveGateCapacity IS EMPTY ORDER BY key')).toEqual(['SKU-1', 'SKU-4']);
    expect(await keys('goLiveGateCapacity IS NOT EMPTY ORDER BY goLiveGateCapacity')).toEqual(['SKU-2', 'SKU-3']);
    expect(await keys('project = SKU AND goLiveGateOverridden = EMPTY ORDER BY key')).toEqual(['SKU-1', 'SKU-2', 'SKU-4']);
  });

  test('compares date values, absolute and relative', async () => {
    expect(await keys('goLiveGateUpdated >= 2026-01-12 ORDER BY goLiveGateUpdated')).toEqual(['SKU-3', 'SKU-2']);
    expect(await keys('goLiveGateUpdated > -2d')).toEqual(['SKU-2']);
  });

  test('combines AND, OR and NOT with parentheses', async () => {
    expect(await keys('project = SKU AND (goLiveGateStatus = ready OR status = Live) ORDER BY key')).toEqual(['SKU-3', 'SKU-4']);
    expect(await keys('project = SKU AND NOT goLiveGateStatus = blocked ORDER BY key')).toEqual(['SKU-3', 'SKU-4']);
    expect(await keys('goLiveGateStatus = blocked AND goLiveGateApproved > 0 OR key = SKU-4 ORDER BY key')).toEqual(['SKU-2', 'SKU-4']);
  });

  test('re-indexes when a property changes and drops it when deleted', async () => {
    await site.request('PUT', '/rest/api/3/issue/SKU-1/properties/golive-gate.summary', { ...app, body: { status: 'ready', approved: 4 } });
    expect(await keys('goLiveGateStatus = ready ORDER BY key')).toEqual(['SKU-1', 'SKU-3']);
    expect(await keys('goLiveGatePending = mt-sre')).toEqual([]);
    await site.request('DELETE', '/rest/api/3/issue/SKU-1/properties/golive-gate.summary', app);
    expect(await keys('goLiveGateStatus = ready')).toEqual(['SKU-3']);
  });

  test('pages with nextPageToken until isLast', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const response = await search('project = SKU ORDER BY key', `&maxResults=3${token ? `&nextPageToken=${encodeURIComponent(token)}` : ''}`);
      const body = response.body as { issues: { key: string }[]; nextPageToken?: string; isLast: boolean };
      seen.push(...body.issues.map((issue) => issue.key));
      expect(body.isLast).toBe(body.nextPageToken === undefined);
      token = body.nextPageToken;
      pages += 1;
    } while (token !== undefined);
    expect(seen).toEqual(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4']);
    expect(pages).toBe(2);
    expect((await search('project = SKU', '&nextPageToken=garbage')).status).toBe(400);
  });

  test('still pages by position when a page token’s cursor is no longer kept (after a restart)', async () => {
    const forgotten = Buffer.from(JSON.stringify({ offset: 3, cursor: 'forgotten-cursor' })).toString('base64url');
    const response = await search('project = SKU ORDER BY key', `&maxResults=3&nextPageToken=${forgotten}`);
    expect(response.body).toMatchObject({ isLast: true, issues: [{ key: 'SKU-4' }] });
  });

  test('POST returns the requested fields and properties', async () => {
    const response = await site.request('POST', '/rest/api/3/search/jql', {
      as: 'pm@example.com',
      body: { jql: 'key = SKU-3', fields: ['summary', 'status'], properties: ['golive-gate.summary'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      isLast: true,
      issues: [{ key: 'SKU-3', fields: { summary: 'Add-on C go-live', status: { name: 'In Production' } }, properties: { 'golive-gate.summary': { status: 'ready' } } }],
    });
    expect(Object.keys(((response.body as { issues: { fields: object }[] }).issues[0]?.fields ?? {}))).toEqual(['summary', 'status']);
  });

  test.each([
    ['project = ', 'Error in the JQL Query: Expecting either a value, list or function but got the end of the query. (line 1, character 11)'],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['status = Done', "The value 'Done' does not exist for the field 'status'."],
    ['colour = red', "Field 'colour' does not exist or you do not have permission to view it."],
    ['issue.property[other.prop].status = blocked', "Field 'issue.property[other.prop].status' does not exist or you do not have permission to view it."],
    ['goLiveGateApproved = many', "The value 'many' for the field 'goLiveGateApproved' is not a valid number."],
    ['goLiveGateStatus > a', "The operator '>' is not supported by the 'goLiveGateStatus' field."],
    ['status ~ review', "The operator '~' is not supported by the 'status' field."],
    ['goLiveGateUpdated > yesterday', "Date value 'yesterday' for field 'goLiveGateUpdated' is invalid."],
    ['ORDER BY key', 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
    ['project = SKU ORDER BY colour', "Field 'colour' does not exist or you do not have permission to view it."],
    ['reporter = membersOf(x)', "Unable to find JQL function 'membersOf()'."],
  ])('answers 400 naming the problem in %s', async (jql, message) => {
    const response = await search(jql);
    expect(response.status).toBe(400);
    const body = response.body as { errorMessages: string[]; errors: object };
    expect(body.errors).toEqual({});
    expect(body.errorMessages).toHaveLength(1);
    expect(body.errorMessages[0]).toContain(message);
  });
});
