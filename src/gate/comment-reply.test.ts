import fc from 'fast-check';
import type { CommentCommand, CommandVocabulary } from './comment-commands';
import { parseCommentCommands } from './comment-commands';
import type { CommandResult } from './comment-reply';
import { commentReply } from './comment-reply';

const vocabulary: CommandVocabulary = {
  teams: [
    { key: 'cee', name: 'CEE' },
    { key: 'sre-p', name: 'SRE-P' },
    { key: 'layered-sre', name: 'Layered SRE' },
  ],
  stages: [{ key: 'go-live', name: 'Go live' }],
};
const command = (line: string): CommentCommand => {
  const parsed = parseCommentCommands({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: line }] }] }, vocabulary);
  const [first] = parsed.commands;
  if (first === undefined) throw new Error(`"${line}" is not a command: ${JSON.stringify(parsed)}`);
  return first;
};
const recorded = (line: string, team = 'CEE'): CommandResult => ({ command: command(line), recorded: true, team, stage: 'Go live' });

describe('commentReply', () => {
  it('says what it recorded, mentioning the author, and the stage verdict', () => {
    const reply = commentReply({ authorAccountId: 'acc-cee', results: [recorded('/lgtm')], notUnderstood: [], verdicts: ['Go live: blocked, waiting on SRE-P'] });
    expect(reply?.text).toBe('Recorded: CEE approves Go live (`/lgtm`).\nGo live: blocked, waiting on SRE-P.');
    expect(reply?.adf).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'mention', attrs: { id: 'acc-cee' } },
            { type: 'text', text: ' ' },
            { type: 'text', text: 'Recorded: CEE approves Go live' },
            { type: 'text', text: ' (' },
            { type: 'text', text: '/lgtm', marks: [{ type: 'code' }] },
            { type: 'text', text: ').' },
          ],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Go live: blocked, waiting on SRE-P.' }] },
      ],
    });
  });

  it('words each kind of record', () => {
    const reply = commentReply({
      results: [recorded('/decline cee: no runbook yet'), recorded('/revoke sre-p', 'SRE-P'), recorded('/na layered-sre not a layered add-on', 'Layered SRE')],
      notUnderstood: [],
      verdicts: ['Go live: ready'],
    });
    expect(reply?.text.split('\n')).toEqual([
      'Recorded: CEE declines Go live: “no runbook yet” (`/decline cee: no runbook yet`).',
      'Recorded: SRE-P withdraws its decision on Go live (`/revoke sre-p`).',
      'Recorded: Layered SRE does not apply to this ticket: “not a layered add-on” (`/na layered-sre not a layered add-on`).',
      'Go live: ready.',
    ]);
  });

  it('says why it recorded nothing, without a verdict', () => {
    const reply = commentReply({
      results: [{ command: command('/approve cee'), recorded: false, reason: 'You are not in golive-cee, the group that acts for CEE' }],
      notUnderstood: [{ text: '/approve foo', reason: 'no team or stage is called “foo”' }],
      verdicts: ['Go live: blocked, waiting on CEE'],
    });
    expect(reply?.text).toBe('Recorded nothing for `/approve cee`: You are not in golive-cee, the group that acts for CEE.\nDid not understand `/approve foo`: no team or stage is called “foo”.');
  });

  it('stays silent when there is nothing to say: no commands, or only commands in code and quotes, or an edit that adds none', () => {
    expect(commentReply({ results: [], notUnderstood: [], verdicts: ['Go live: ready'] })).toBeUndefined();
  });

  it('never reads as a command itself, whatever the names, reasons and verdicts', () => {
    const name = fc.oneof(fc.constantFrom('LGTM', '+1', '/lgtm', '/approve cee', 'CEE', 'x\n/lgtm', '\r\n+1\n'), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('/lgtm', '/decline cee: /lgtm', '/na cee +1', '/revoke'), name, fc.boolean()), { minLength: 1, maxLength: 4 }), fc.array(name, { maxLength: 3 }), (items, verdicts) => {
        const results: CommandResult[] = items.map(([line, label, ok]) => (ok ? { command: command(line), recorded: true, team: label, stage: label } : { command: command(line), recorded: false, reason: label }));
        const reply = commentReply({ authorAccountId: 'acc-x', results, notUnderstood: [], verdicts: verdicts.map((v) => `${v}: ready`) });
        expect(parseCommentCommands(reply?.adf, vocabulary).commands).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
