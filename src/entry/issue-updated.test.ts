import { reevaluateAfterReleaseChange, reevaluateAfterTicketChange } from '../app/release-changed';
import { recordStageEntry } from '../app/record-stage-entry';
import { recordStatusChange } from '../app/record-pass';
import { refreshAssurance } from '../app/refresh-assurance';
import { issueUpdated } from './issue-updated';

jest.mock('../app/release-changed');
jest.mock('../app/record-stage-entry');
jest.mock('../app/refresh-assurance');
jest.mock('../app/record-pass');
jest.mock('./composition-root', () => ({ triggerPorts: () => ({}), stageEntryPorts: () => ({}), statusChangePorts: () => ({}) }));
const release = jest.mocked(reevaluateAfterReleaseChange);
const fields = jest.mocked(reevaluateAfterTicketChange);
const entry = jest.mocked(recordStageEntry);
const assurance = jest.mocked(refreshAssurance);
const pass = jest.mocked(recordStatusChange);

const updated = (items: readonly Readonly<Record<string, string>>[]): unknown => ({
  eventType: 'avi:jira:updated:issue',
  issue: { id: '10042', key: 'SKU-42', fields: { project: { id: '10000' } } },
  atlassianId: 'acc-pm',
  changelog: { id: '77', items },
});

describe('the one issue-updated trigger', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    for (const mock of [release, fields, entry, assurance, pass]) mock.mockReset();
    fields.mockResolvedValue({ tracked: true, summary: {}, notifications: [] });
    pass.mockResolvedValue({ reopened: [] });
    release.mockResolvedValue({ tracked: true, summary: {}, stale: [], notifications: [], reporter: 'not-told' });
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes the assurance and records the stage entry after a status change, and leaves the gate alone', async () => {
    await issueUpdated(updated([{ field: 'status', fieldId: 'status', toString: 'In Review' }]));
    expect(assurance).toHaveBeenCalledWith({}, '10042');
    expect(entry).toHaveBeenCalledWith({}, expect.objectContaining({ issueId: '10042', status: 'In Review', changeId: '77' }));
    expect(release).not.toHaveBeenCalled();
  });

  it('records the pass of a gated transition with the statuses it moved between, who moved the ticket and the change', async () => {
    await issueUpdated(updated([{ field: 'status', fieldId: 'status', from: '10001', fromString: 'In Review', to: '10002', toString: 'In Production' }]));
    expect(pass).toHaveBeenCalledWith({}, { issueId: '10042', changeId: '77', by: 'acc-pm', change: { fromId: '10001', fromName: 'In Review', toId: '10002', toName: 'In Production' } });
    expect(assurance).toHaveBeenCalledWith({}, '10042');
  });

  it('logs why a gated transition left no pass, and a failure to record it, without throwing', async () => {
    const moved = updated([{ field: 'status', fieldId: 'status', from: '10001', fromString: 'In Review', to: '10002', toString: 'In Production' }]);
    pass.mockResolvedValueOnce({ notPassed: 'The ticket moved while Promote to prod blocked: waiting on SRE-P', reopened: [] });
    await issueUpdated(moved);
    expect(warn).toHaveBeenCalledWith('Go-Live Gate recorded no pass for SKU-42 moving from In Review to In Production: The ticket moved while Promote to prod blocked: waiting on SRE-P');
    pass.mockRejectedValueOnce(new Error('KVS did not answer'));
    await expect(issueUpdated(moved)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('Go-Live Gate could not record the pass of SKU-42 moving from In Review to In Production:', 'Error: KVS did not answer');
  });

  it('records no pass for a status change whose statuses the changelog does not name, and says so', async () => {
    await issueUpdated(updated([{ field: 'status', fieldId: 'status', toString: 'In Review' }]));
    expect(pass).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('Go-Live Gate could not tell which statuses SKU-42 moved between, so it recorded no pass for the change.');
  });

  it.each([
    [{ field: 'Fix Version', fieldId: 'fixVersions' }],
    [{ field: 'Fix Version' }],
  ])('evaluates the gate again after a fix version change (%p), and nothing else', async (item) => {
    await issueUpdated(updated([item]));
    expect(release).toHaveBeenCalledWith({}, '10042');
    expect(assurance).not.toHaveBeenCalled();
    expect(entry).not.toHaveBeenCalled();
  });

  it.each([
    [{ field: 'labels', fieldId: 'labels' }],
    [{ field: 'Component', fieldId: 'components' }],
    [{ field: 'issuetype', fieldId: 'issuetype' }],
    [{ field: 'Owning SIG', fieldId: 'customfield_10070' }],
  ])('evaluates the gate again after an edit to what it judges (%p), and nothing else', async (item) => {
    await issueUpdated(updated([item]));
    expect(fields).toHaveBeenCalledWith({}, '10042');
    expect([release, assurance, entry].map((mock) => mock.mock.calls.length)).toEqual([0, 0, 0]);
  });

  it('evaluates the gate once when the release and a judged field change together', async () => {
    await issueUpdated(updated([{ field: 'Fix Version', fieldId: 'fixVersions' }, { field: 'labels', fieldId: 'labels' }]));
    expect(release).toHaveBeenCalledTimes(1);
    expect(fields).not.toHaveBeenCalled();
  });

  it('logs a failure to evaluate the gate again after a judged edit, without throwing', async () => {
    fields.mockRejectedValueOnce(new Error('Jira did not answer'));
    await expect(issueUpdated(updated([{ field: 'labels', fieldId: 'labels' }]))).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('Go-Live Gate could not evaluate SKU-42 again after its fields changed:', 'Error: Jira did not answer');
  });

  it('does nothing for another edit', async () => {
    await issueUpdated(updated([{ field: 'summary', fieldId: 'summary' }]));
    expect([release, fields, assurance, entry].map((mock) => mock.mock.calls.length)).toEqual([0, 0, 0, 0]);
  });

  it('logs and ignores a malformed event', async () => {
    await expect(issueUpdated({ issue: { key: 'SKU-1' } })).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ignored an issue-updated event it could not read'));
  });

  it('logs a failure of the re-evaluation instead of throwing, and still does the status change’s work', async () => {
    release.mockRejectedValue(new Error('Jira did not answer'));
    // As Jira sends them: every item names its field id and the value it moved to.
    await expect(issueUpdated(updated([{ field: 'status', fieldId: 'status', toString: 'In Review' }, { field: 'Fix Version', fieldId: 'fixVersions', toString: '3.0' }]))).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('Go-Live Gate could not evaluate SKU-42 again after its release changed:', 'Error: Jira did not answer');
    expect(assurance).toHaveBeenCalled();
    expect(entry).toHaveBeenCalled();
  });
});
