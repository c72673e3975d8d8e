import fc from 'fast-check';
import { adfLines, ADF_LIMITS } from './adf-lines';
import type { CommandVocabulary } from './comment-commands';
import { MAX_COMMANDS_PER_COMMENT, parseCommentCommands } from './comment-commands';

/** The managed add-on process's teams and stages, as a configuration names them. */
const vocabulary: CommandVocabulary = {
  teams: [
    { key: 'layered-sre', name: 'Layered SRE' },
    { key: 'sre-p', name: 'SRE-P' },
    { key: 'cee', name: 'CEE' },
    { key: 'osd-e2e', name: 'OSD e2e' },
    { key: 'mt-sre', name: 'Managed Tenants SRE' },
    { key: 'dev-team', name: 'Dev team' },
  ],
  stages: [
    { key: 'promote-to-prod', name: 'Promote to prod' },
    { key: 'go-live', name: 'Go live' },
  ],
};

type Inline = { type: string; text?: string; marks?: { type: string }[]; attrs?: Record<string, unknown> };
const text = (value: string, ...marks: string[]): Inline => ({ type: 'text', text: value, ...(marks.length > 0 && { marks: marks.map((type) => ({ type })) }) });
const paragraph = (...content: (Inline | string)[]) => ({ type: 'paragraph', content: content.map((c) => (typeof c === 'string' ? text(c) : c)) });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
/** One paragraph per line, as the Jira editor makes them when you press Enter. */
const lines = (...values: string[]) => doc(...values.map((v) => paragraph(v)));
const parse = (body: unknown) => parseCommentCommands(body, vocabulary);
const commandsOf = (body: unknown) => parse(body).commands.map(({ kind, team, stage, reason }) => ({ kind, ...(team && { team }), ...(stage && { stage }), ...(reason && { reason }) }));

describe('parseCommentCommands: what each line means', () => {
  it.each([
    ['/lgtm', { kind: 'approve' }],
    ['/LGTM', { kind: 'approve' }],
    ['  /lgtm  ', { kind: 'approve' }],
    ['+1', { kind: 'approve' }],
    ['LGTM', { kind: 'approve' }],
    ['lgtm!', { kind: 'approve' }],
    ['Lgtm.', { kind: 'approve' }],
    ['/approve', { kind: 'approve' }],
    ['/Approve cee', { kind: 'approve', team: 'cee' }],
    ['/approve CEE', { kind: 'approve', team: 'cee' }],
    ['/approve managed tenants sre', { kind: 'approve', team: 'mt-sre' }],
    ['/approve Managed Tenants SRE Promote to prod', { kind: 'approve', team: 'mt-sre', stage: 'promote-to-prod' }],
    ['/approve go-live', { kind: 'approve', stage: 'go-live' }],
    ['/approve cee go-live', { kind: 'approve', team: 'cee', stage: 'go-live' }],
    ['/approve go-live cee', { kind: 'approve', team: 'cee', stage: 'go-live' }],
    ['/approve "Dev team" "Go live"', { kind: 'approve', team: 'dev-team', stage: 'go-live' }],
    ['/lgtm sre-p', { kind: 'approve', team: 'sre-p' }],
    ['/approve\u00a0cee\u00a0\u00a0go-live', { kind: 'approve', team: 'cee', stage: 'go-live' }],
    ['/lgtm cancel', { kind: 'revoke' }],
    ['/approve cancel', { kind: 'revoke' }],
    ['/revoke', { kind: 'revoke' }],
    ['/revoke cee promote-to-prod', { kind: 'revoke', team: 'cee', stage: 'promote-to-prod' }],
    ['/decline runbook missing', { kind: 'decline', reason: 'runbook missing' }],
    ['/decline cee: runbook missing', { kind: 'decline', team: 'cee', reason: 'runbook missing' }],
    ['/decline cee go-live: runbook missing', { kind: 'decline', team: 'cee', stage: 'go-live', reason: 'runbook missing' }],
    ['/decline the runbook: see SOP-12', { kind: 'decline', reason: 'the runbook: see SOP-12' }],
    ['/decline: no SLO dashboard', { kind: 'decline', reason: 'no SLO dashboard' }],
    ['/na layered-sre no layered SRE on this add-on', { kind: 'waive', team: 'layered-sre', reason: 'no layered SRE on this add-on' }],
    ['/na Layered SRE: no layered SRE', { kind: 'waive', team: 'layered-sre', reason: 'no layered SRE' }],
    ['/NA cee — self-service only', { kind: 'waive', team: 'cee', reason: 'self-service only' }],
  ])('reads %j', (line, expected) => {
    expect(commandsOf(lines(line))).toEqual([expected]);
    expect(parse(lines(line)).notUnderstood).toEqual([]);
  });

  it.each([
    'Looks good to me',
    'I think /lgtm is premature',
    '+1 from me',
    'LGTM, but fix the typo',
    '/approved',
    '/lgtmx',
    '/etc/hosts is wrong',
    '+10',
    '/hold',
    '',
  ])('does not read %j as a command', (line) => {
    expect(parse(lines(line))).toEqual({ commands: [], notUnderstood: [], ignored: [] });
  });

  it.each([
    ['/approve foo', 'no team or stage is called “foo” (teams: layered-sre, sre-p, cee, osd-e2e, mt-sre, dev-team; stages: promote-to-prod, go-live)'],
    ['/approve cee tomorrow', 'no stage is called “tomorrow” (stages: promote-to-prod, go-live)'],
    ['/approve go-live ceo', 'no team is called “ceo” (teams: layered-sre, sre-p, cee, osd-e2e, mt-sre, dev-team)'],
    ['/lgtm thanks for the fix', 'no team or stage is called “thanks for the fix” (teams: layered-sre, sre-p, cee, osd-e2e, mt-sre, dev-team; stages: promote-to-prod, go-live)'],
    ['/decline', 'write a reason after /decline'],
    ['/decline cee:', 'write a reason after /decline'],
    ['/na', 'name the team that does not apply and why, e.g. /na layered-sre <reason>'],
    ['/na ceo nobody', 'no team is called “ceo” (teams: layered-sre, sre-p, cee, osd-e2e, mt-sre, dev-team)'],
    ['/na cee', 'write a reason after /na cee'],
  ])('says why it did not understand %j', (line, reason) => {
    expect(parse(lines(line))).toEqual({ commands: [], notUnderstood: [{ text: line, reason }], ignored: [] });
  });

  describe('/na waives a team, a number or an item', () => {
    const withValues: CommandVocabulary = {
      ...vocabulary,
      numbers: [{ key: 'capacity', name: 'Capacity' }],
      items: [
        { key: 'go-live-signal', name: 'The go-live signal every team agrees to' },
        { key: 'cee', name: 'An item whose key is also a team' },
      ],
    };
    const waived = (line: string) => parseCommentCommands(lines(line), withValues).commands.map(({ kind, team, target, reason, id }) => ({ kind, team, target, reason, id }));

    it.each([
      ['/na capacity free add-on, nobody is billed', { kind: 'waive', team: undefined, target: { kind: 'number', key: 'capacity' }, reason: 'free add-on, nobody is billed', id: 'waive:number.capacity:*' }],
      ['/na Capacity: free add-on', { kind: 'waive', team: undefined, target: { kind: 'number', key: 'capacity' }, reason: 'free add-on', id: 'waive:number.capacity:*' }],
      ['/na go-live-signal internal tool, no SKU', { kind: 'waive', team: undefined, target: { kind: 'item', key: 'go-live-signal' }, reason: 'internal tool, no SKU', id: 'waive:item.go-live-signal:*' }],
      ['/na The go-live signal every team agrees to — internal tool', { kind: 'waive', team: undefined, target: { kind: 'item', key: 'go-live-signal' }, reason: 'internal tool', id: 'waive:item.go-live-signal:*' }],
      ['/na cee self-service only', { kind: 'waive', team: 'cee', target: { kind: 'team', key: 'cee' }, reason: 'self-service only', id: 'waive:cee:*' }],
    ])('reads %j', (line, expected) => {
      expect(waived(line)).toEqual([expected]);
    });

    it('names the numbers and items it knows when nothing is called what the line says', () => {
      expect(parseCommentCommands(lines('/na speed not measured'), withValues).notUnderstood).toEqual([
        { text: '/na speed not measured', reason: 'no team, number or item is called “speed” (teams: layered-sre, sre-p, cee, osd-e2e, mt-sre, dev-team; numbers and items: capacity, go-live-signal, cee)' },
      ]);
    });
  });

  it('refuses a reason longer than a decision comment may be', () => {
    const { notUnderstood } = parse(lines(`/decline ${'x'.repeat(2001)}`));
    expect(notUnderstood[0]?.reason).toBe('the reason is 2001 characters long; at most 2000 are kept');
    expect(notUnderstood[0]?.text).toHaveLength(200);
  });

  it('says when a team and a stage share a name instead of guessing', () => {
    const shared: CommandVocabulary = { teams: [...vocabulary.teams, { key: 'launch', name: 'Launch' }], stages: [...vocabulary.stages, { key: 'launch', name: 'Launch' }] };
    expect(parseCommentCommands(lines('/approve launch'), shared).notUnderstood[0]?.reason).toMatch(/^“launch” can be read in more than one way/);
  });
});

describe('parseCommentCommands: several commands and lines', () => {
  it('reads every command of a comment in order, once each, with what it said', () => {
    const body = lines('Reviewed the runbook and the SLOs.', '/approve cee', 'Also for SRE-P:', '/approve sre-p go-live', '/approve cee', '/na layered-sre not layered');
    expect(parse(body).commands).toEqual([
      { kind: 'approve', team: 'cee', text: '/approve cee', id: 'approve:cee:*' },
      { kind: 'approve', team: 'sre-p', stage: 'go-live', text: '/approve sre-p go-live', id: 'approve:sre-p:go-live' },
      { kind: 'waive', team: 'layered-sre', target: { kind: 'team', key: 'layered-sre' }, reason: 'not layered', text: '/na layered-sre not layered', id: 'waive:layered-sre:*' },
    ]);
  });

  it('gives a command the same id however it is worded, so an edit does not apply it again', () => {
    const first = parse(lines('/approve CEE go-live')).commands[0]?.id;
    const edited = parse(lines('/approve cee Go live')).commands[0]?.id;
    expect(first).toBe('approve:cee:go-live');
    expect(edited).toBe(first);
    expect(parse(lines('/decline cee: one reason')).commands[0]?.id).toBe(parse(lines('/decline cee: another reason')).commands[0]?.id);
  });

  it('splits lines at hard breaks and reads headings and list items', () => {
    const body = doc(
      paragraph('Thanks!', { type: 'hardBreak' }, '/lgtm'),
      { type: 'heading', attrs: { level: 2 }, content: [text('/decline cee: no on-call rota')] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('/revoke sre-p')] }] },
    );
    expect(commandsOf(body)).toEqual([{ kind: 'approve' }, { kind: 'decline', team: 'cee', reason: 'no on-call rota' }, { kind: 'revoke', team: 'sre-p' }]);
  });

  it('reads a command split over text nodes with marks, such as bold', () => {
    expect(commandsOf(doc(paragraph(text('/approve', 'strong'), ' ', text('cee', 'em'))))).toEqual([{ kind: 'approve', team: 'cee' }]);
  });

  it('reads mentions as text, so "/lgtm @Dana" is not an approval', () => {
    const body = doc(paragraph('/lgtm ', { type: 'mention', attrs: { id: 'acc-dana', text: '@Dana' } }));
    expect(parse(body).commands).toEqual([]);
    expect(parse(body).notUnderstood[0]?.text).toBe('/lgtm @Dana');
  });

  it(`reads at most ${MAX_COMMANDS_PER_COMMENT} commands and says how many more there were`, () => {
    const many = ['/approve', ...vocabulary.teams.flatMap((t) => [`/approve ${t.key} go-live`, `/approve ${t.key} promote-to-prod`])];
    const result = parse(lines(...many));
    expect(result.commands).toHaveLength(MAX_COMMANDS_PER_COMMENT);
    expect(result.notUnderstood).toEqual([{ text: `${many.length - MAX_COMMANDS_PER_COMMENT} more`, reason: 'a comment is read for at most 10 commands; write the others in another comment' }]);
  });
});

describe('parseCommentCommands: code and quotes are never commands', () => {
  it('ignores commands in code blocks, quotes and inline code, and says which', () => {
    const body = doc(
      { type: 'codeBlock', attrs: { language: 'text' }, content: [text('/approve cee\n/lgtm')] },
      { type: 'blockquote', content: [paragraph('/decline cee: no runbook'), paragraph('+1')] },
      paragraph(text('/lgtm', 'code')),
      paragraph(text('/approve', 'code'), ' cee'),
    );
    expect(parse(body)).toEqual({
      commands: [],
      notUnderstood: [],
      ignored: [
        { text: '/approve cee', place: 'code-block' },
        { text: '/lgtm', place: 'code-block' },
        { text: '/decline cee: no runbook', place: 'quote' },
        { text: '+1', place: 'quote' },
        { text: '/lgtm', place: 'inline-code' },
        { text: '/approve cee', place: 'inline-code' },
      ],
    });
  });

  it('ignores a command in a quote nested inside a list or a panel', () => {
    const body = doc({ type: 'panel', attrs: { panelType: 'info' }, content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'blockquote', content: [paragraph('/lgtm')] }] }] }] });
    expect(parse(body)).toEqual({ commands: [], notUnderstood: [], ignored: [{ text: '/lgtm', place: 'quote' }] });
  });

  it('reads a team typed as inline code after a plain command word', () => {
    expect(commandsOf(doc(paragraph('/approve ', text('cee', 'code'))))).toEqual([{ kind: 'approve', team: 'cee' }]);
  });

  it('reads the command after a quote that ends', () => {
    const body = doc({ type: 'blockquote', content: [paragraph('/lgtm')] }, paragraph('/approve cee'));
    expect(commandsOf(body)).toEqual([{ kind: 'approve', team: 'cee' }]);
    expect(parse(body).ignored).toEqual([{ text: '/lgtm', place: 'quote' }]);
  });
});

describe('parseCommentCommands: bodies that are not what Jira sends', () => {
  it.each([[undefined], [null], ['/lgtm'], [42], [{}], [{ type: 'doc' }], [{ type: 'doc', content: 'x' }], [[paragraph('/lgtm')]]])('reads nothing from %j without failing', (body) => {
    expect(() => parse(body)).not.toThrow();
  });

  it('reads a bounded part of a huge or deep body', () => {
    let deep: unknown = paragraph('/lgtm');
    for (let i = 0; i < 10_000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(adfLines(doc(deep)).truncated).toBe(true);
    expect(parse(doc(deep)).commands).toEqual([]);
    const wide = doc(...Array.from({ length: ADF_LIMITS.nodes }, () => paragraph('+1')));
    expect(adfLines(wide).truncated).toBe(true);
    expect(parse(wide).commands).toHaveLength(1);
  });
});

/** Random ADF: known and unknown node types, marks, attributes and junk where nodes should be. */
const inlineNode: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string(), fc.constantFrom('/lgtm', '+1', 'LGTM', '/approve cee', '/decline cee: no', '/na cee n/a', '/revoke', '\n/lgtm\n')), marks: fc.option(fc.array(fc.record({ type: fc.constantFrom('code', 'strong', 'em', 'link') })), { nil: undefined }) }, { requiredKeys: ['type', 'text'] }),
  fc.constant({ type: 'hardBreak' }),
  fc.record({ type: fc.constantFrom('mention', 'emoji', 'inlineCard', 'status', 'date'), attrs: fc.dictionary(fc.constantFrom('text', 'id', 'url', 'shortName', 'timestamp'), fc.oneof(fc.string(), fc.integer())) }),
  fc.anything(),
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    inlineNode,
    fc.record({ type: fc.constantFrom('doc', 'paragraph', 'heading', 'blockquote', 'codeBlock', 'bulletList', 'listItem', 'panel', 'table', 'tableCell', 'expand', 'unknownNode'), content: fc.array(tie('tree'), { maxLength: 5 }) }),
  ),
}));

/** Commands put only inside code blocks, quotes or inline code, around ordinary text. */
const hiddenCommand = fc.constantFrom('/lgtm', '+1', 'LGTM', '/approve cee', '/decline cee: no', '/na cee not needed', '/revoke', '/lgtm cancel');
const hidingPlace = fc.oneof(
  hiddenCommand.map((c) => ({ type: 'codeBlock', content: [text(c)] })),
  hiddenCommand.map((c) => ({ type: 'blockquote', content: [paragraph(c)] })),
  hiddenCommand.map((c) => paragraph(text(c, 'code'))),
  hiddenCommand.map((c) => ({ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'blockquote', content: [paragraph(c)] }] }] })),
);

describe('parseCommentCommands: random documents', () => {
  it('never fails, and every command it reads is one of the known kinds with known team and stage keys', () => {
    const teamKeys = new Set(vocabulary.teams.map((t) => t.key));
    const stageKeys = new Set(vocabulary.stages.map((s) => s.key));
    fc.assert(
      fc.property(tree, (body) => {
        const result = parse(body);
        expect(result.commands.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT);
        for (const command of result.commands) {
          expect(['approve', 'decline', 'revoke', 'waive']).toContain(command.kind);
          if (command.team !== undefined) expect(teamKeys.has(command.team)).toBe(true);
          if (command.stage !== undefined) expect(stageKeys.has(command.stage)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never applies a command inside a code block, inline code or a quote', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hidingPlace, fc.string().map((s) => paragraph(`note: ${s.replace(/[\r\n]/g, ' ')}`))), { minLength: 1, maxLength: 8 }), (blocks) => {
        const result = parse(doc(...blocks));
        expect(result.commands).toEqual([]);
        expect(result.notUnderstood).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
