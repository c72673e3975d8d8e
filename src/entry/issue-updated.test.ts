import { reevaluateAfterReleaseChange } from '../app/release-changed';
import { recordStageEntry } from '../app/record-stage-entry';
import { refreshAssurance } from '../app/refresh-assurance';
import { issueUpdated } from './issue-updated';

jest.mock('../app/release-changed');
jest.mock('../app/record-stage-entry');
jest.mock('../app/refresh-assurance');
jest.mock('./composition-root', () => ({ triggerPorts: () => ({}), stageEntryPorts: () => ({}) }));
const release = jest.mocked(reevaluateAfterReleaseChange);
const entry = jest.mocked(recordStageEntry);
const assurance = jest.mocked(refreshAssurance);

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
    for (const mock of [release, entry, assurance]) mock.mockReset();
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

  it.each([
    [{ field: 'Fix Version', fieldId: 'fixVersions' }],
    [{ field: 'Fix Version' }],
  ])('evaluates the gate again after a fix version change (%p), and nothing else', async (item) => {
    await issueUpdated(updated([item]));
    expect(release).toHaveBeenCalledWith({}, '10042');
    expect(assurance).not.toHaveBeenCalled();
    expect(entry).not.toHaveBeenCalled();
  });

  it('does nothing for another edit', async () => {
    await issueUpdated(updated([{ field: 'summary', fieldId: 'summary' }]));
    expect([release, assurance, entry].map((mock) => mock.mock.calls.length)).toEqual([0, 0, 0]);
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
