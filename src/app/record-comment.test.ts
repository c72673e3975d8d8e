import { demoWorld, ISSUE_KEY, PROJECT } from '../../test/support/in-memory-ports';
import { recordComment } from './record-comment';

const seen = { projectId: PROJECT.id, issueId: '10001', issueKey: ISSUE_KEY, commentId: '10040', author: 'acc-ola', reporter: 'acc-pm', status: 'In Review', created: '2026-02-03T10:00:00.000+0000' };

describe('recordComment', () => {
  it('keeps who commented on a gated ticket, when and in which status, once however often the comment is edited', async () => {
    const world = demoWorld();
    const ports = { ...world.portsFor('app'), history: world.history };
    await recordComment(ports, seen);
    await recordComment(ports, { ...seen, status: 'In Production' });
    expect(world.history.events).toEqual([
      { kind: 'commented', projectId: PROJECT.id, issueId: '10001', issueKey: ISSUE_KEY, id: '10040', by: 'acc-ola', status: 'In Review', at: '2026-02-03T10:00:00.000Z' },
    ]);
  });

  it.each([
    ['the reporter’s own comment', { ...seen, author: 'acc-pm' }],
    ['a comment in a project without a gate', { ...seen, projectId: '99999' }],
  ])('keeps nothing for %s', async (_what, comment) => {
    const world = demoWorld();
    await expect(recordComment({ ...world.portsFor('app'), history: world.history }, comment)).resolves.toBeUndefined();
    expect(world.history.events).toEqual([]);
  });
});
