import { templateConfig } from '../../test/support/v1-templates';
import { answerQuestions } from './answer-questions';
import { demoWorld, ISSUE_KEY } from '../../test/support/in-memory-ports';

const config = templateConfig('kubernetes-prr')!;
const [first, second] = config.questions;

describe('answerQuestions', () => {
  it('stores answers verbatim, keeps earlier ones and removes an emptied one', async () => {
    const world = demoWorld(config);
    const ports = world.portsFor('acc-pm');
    const html = '<script>alert(1)</script> & "quotes"';
    await answerQuestions(ports, { accountId: 'acc-pm' }, ISSUE_KEY, { answers: { [first!.key]: html, [second!.key]: 'Yes' } });
    const view = await answerQuestions(ports, { accountId: 'acc-pm' }, ISSUE_KEY, { answers: { [second!.key]: '  ' } });
    expect(view.records.answers?.answers).toEqual({ [first!.key]: html });
  });

  it('refuses an answer to a question the configuration does not have', async () => {
    const world = demoWorld(config);
    await expect(answerQuestions(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { answers: { typo: 'x' } })).rejects.toMatchObject({
      name: 'ValidationError',
      fieldErrors: [{ path: 'answers.typo', message: 'no question has the key "typo"' }],
    });
    expect(world.records.stored.size).toBe(0);
  });

  it('says so instead of failing a write when the answers would not fit in an issue property', async () => {
    const world = demoWorld(config);
    const answers = Object.fromEntries(config.questions.slice(0, 10).map((q) => [q.key, 'x'.repeat(4000)]));
    await expect(answerQuestions(world.portsFor('acc-pm'), { accountId: 'acc-pm' }, ISSUE_KEY, { answers })).rejects.toMatchObject({
      name: 'PropertyTooLargeError',
      message: expect.stringContaining('a Jira issue property holds at most 32,768') as unknown,
    });
    expect(world.records.stored.size).toBe(0);
    expect(world.issues.issues.get('10001')!.properties).toEqual({});
  });
});
