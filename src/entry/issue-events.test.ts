import { trackNewIssue } from '../app/track-new-issue';
import { issueCreated } from './issue-events';

jest.mock('../app/track-new-issue');
jest.mock('./composition-root', () => ({ triggerPorts: () => ({}) }));
const track = jest.mocked(trackNewIssue);

describe('the issue-created trigger', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    track.mockReset();
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('tracks the created issue by its id', async () => {
    track.mockResolvedValue({ tracked: true, summary: {}, notifications: [] });
    await issueCreated({ eventType: 'avi:jira:created:issue', issue: { id: 10042, key: 'SKU-42', fields: {} }, atlassianId: 'acc-pm' });
    expect(track).toHaveBeenCalledWith({}, '10042');
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([undefined, null, 'SKU-1', {}, { issue: { key: 'SKU-1' } }, { issue: { id: '', key: 'SKU-1' } }])('logs and ignores the malformed event %p', async (event) => {
    await expect(issueCreated(event)).resolves.toBeUndefined();
    expect(track).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ignored an issue-created event it could not read'));
  });

  it('logs a failure instead of throwing, so issue creation is never affected', async () => {
    track.mockRejectedValue(new Error('Jira did not answer'));
    await expect(issueCreated({ issue: { id: '10042', key: 'SKU-42' } })).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('Go-Live Gate could not track the new issue SKU-42:', 'Error: Jira did not answer');
  });

  it('logs each team it could not notify', async () => {
    track.mockResolvedValue({ tracked: true, summary: {}, notifications: [{ key: 'k', team: 'cee', reason: 'stage-entered', result: 'failed', error: 'Jira refused the request (400)' }] });
    await issueCreated({ issue: { id: '10042', key: 'SKU-42' } });
    expect(warn).toHaveBeenCalledWith('Go-Live Gate could not notify cee about SKU-42 (retried on its next write): Jira refused the request (400)');
  });
});
