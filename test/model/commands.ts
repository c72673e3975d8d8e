// fast-check commands of the reference-model test: every step is data (so a failing sequence replays and shrinks)
// with a toString that reads as a reproduction a person can follow on the local site.
import fc from 'fast-check';
import type { Action, Ticket } from './actions';
import { describe } from './actions';
import type { Harness, MoveTarget, TamperMode } from './harness';
import type { DecideKind, ModelAnswer, WaiverTargetModel } from './model';
import { PROPERTY } from './model';
import type { ModelFault } from './real';
import type { StageKey, Variant } from './world';
import { ADMIN_EMAIL, ALL_TEAMS, BASE_VARIANT, JUSTIFICATIONS, PEOPLE, PM_EMAIL, RUNBOOK_QUESTION } from './world';
import type { VariantV2 } from './world-v2';
import { BASE_VARIANT_V2, ERROR_BUDGET_ITEM, OWNING_SIG_FIELD, OWNING_SIG_TEAM, RUNBOOK_ITEM, SIG_VALUES } from './world-v2';

/** fast-check's model is unused: the harness holds the candidate models, so every command always applies. */
export type Box = Record<string, never>;
export type ModelCommand = fc.AsyncCommand<Box, Harness, false>;

const TICKET_NAMES = ['A', 'B'] as const;

abstract class Step implements ModelCommand {
  check(): boolean {
    return true;
  }
  abstract run(model: Box, harness: Harness): Promise<void>;
  abstract toString(): string;
}

class Act extends Step {
  constructor(readonly action: Action) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.act(this.action);
  }
  toString(): string {
    return describe(this.action);
  }
}

/** A site admin changes who is in a group (an approver leaves a team, or someone joins it). */
class Membership extends Step {
  constructor(
    readonly email: string,
    readonly group: string,
    readonly member: boolean,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.membership(this.email, this.group, this.member);
  }
  toString(): string {
    return `admin@ ${this.member ? 'adds' : 'removes'} ${this.email.replace('@example.com', '@')} ${this.member ? 'to' : 'from'} ${this.group}`;
  }
}

/** Every team a stage requires approves, one after the other (each a step of its own): tickets reach "ready". */
class Rally extends Step {
  constructor(
    readonly ticket: Ticket,
    readonly teams: readonly string[],
    readonly values: Readonly<Record<string, number>> | undefined,
  ) {
    super();
  }
  async run(_: Box, harness: Harness): Promise<void> {
    if (this.values) await harness.act({ kind: 'numbers', ticket: this.ticket, values: this.values, email: PM_EMAIL });
    for (const team of this.teams) await harness.act({ kind: 'decide', ticket: this.ticket, team, decision: 'approve', email: memberOf(team) });
  }
  toString(): string {
    return `${this.values ? `pm@ records ${JSON.stringify(this.values)} on ${TICKET_NAMES[this.ticket]}, then ` : ''}${this.teams.join(', ')} approve on ${TICKET_NAMES[this.ticket]}, each`;
  }
}

class Tamper extends Step {
  constructor(
    readonly ticket: Ticket,
    readonly propertyKey: string,
    readonly mode: TamperMode,
    readonly pick: number,
    readonly value: unknown,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.tamper(this.ticket, this.propertyKey, this.mode, this.pick, this.value);
  }
  toString(): string {
    const what = { delete: 'DELETEs', random: `PUTs ${JSON.stringify(this.value)?.slice(0, 60)} into`, older: `PUTs an older value (#${this.pick}) of`, copy: `PUTs the other ticket's value (#${this.pick}) of`, forge: `PUTs a forged (edit #${this.pick}) copy of`, restore: 'PUTs back what the app wrote to' }[this.mode];
    return `pm@ ${what} ${this.propertyKey} on ${TICKET_NAMES[this.ticket]}`;
  }
}

/**
 * The PM moves a ticket through a stage's gated transition and leaves it there, or takes it back to review by the
 * workflow's way back (an event); or the operator puts it back in review or forward into production (no event).
 */
class Move extends Step {
  constructor(
    readonly ticket: Ticket,
    readonly to: MoveTarget,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.move(this.ticket, this.to);
  }
  toString(): string {
    const name = TICKET_NAMES[this.ticket];
    switch (this.to) {
      case 'back':
        return `pm@ takes ${name} back to review (Back to Review: a status-change event)`;
      case 'reset':
        return `the operator puts ${name} back in review (no event)`;
      case 'forward':
        return `the operator puts ${name} in production (no event)`;
      default:
        return `pm@ moves ${name} through ${this.to} and leaves it there`;
    }
  }
}

const move: fc.Arbitrary<ModelCommand> = fc
  .tuple(fc.constantFrom<Ticket>(0, 1), fc.constantFrom<MoveTarget>('promote-to-prod', 'promote-to-prod', 'go-live', 'back', 'back', 'reset', 'forward'))
  .map(([t, to]) => new Move(t, to));

/** The PM sets (or clears) the ticket's Owning SIG, the field that names the owning SIG team's approvers. */
class SetField extends Step {
  constructor(
    readonly ticket: Ticket,
    readonly value: string | null,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.setField(this.ticket, OWNING_SIG_FIELD, this.value);
  }
  toString(): string {
    return this.value === null ? `pm@ clears the Owning SIG of ${TICKET_NAMES[this.ticket]}` : `pm@ sets the Owning SIG of ${TICKET_NAMES[this.ticket]} to ${this.value}`;
  }
}


/** Time passes on the site: to a minute before or just after an approval or a waiver runs out, or by days. */
class AdvanceClock extends Step {
  constructor(
    readonly pick: number,
    readonly side: 'before' | 'after',
    readonly days: number,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.advanceClock(this.pick, this.side, this.days);
  }
  toString(): string {
    return `the site clock moves to ${this.side === 'before' ? 'a minute before' : 'just after'} lifetime end #${this.pick} (or ${this.days} days on)`;
  }
}



const describeFault = (fault: ModelFault): string =>
  `${fault.target} ${fault.match ?? '*'}${fault.skip ? ` after ${fault.skip}` : ''} ${fault.lateMs !== undefined ? `lands ${fault.lateMs} ms late` : fault.delayMs !== undefined ? `delayed ${fault.delayMs} ms` : `${fault.status ?? 503}${fault.retryAfterSeconds !== undefined ? ` (Retry-After ${fault.retryAfterSeconds})` : ''}`}${(fault.times ?? 1) > 1 ? ` ×${fault.times}` : ''}`;

class Faulty extends Step {
  constructor(
    readonly faults: readonly ModelFault[],
    readonly action: Action,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.act(this.action, this.faults);
  }
  toString(): string {
    return `[fault: ${this.faults.map(describeFault).join('; ')}] ${describe(this.action)}`;
  }
}

class LateThenNext extends Step {
  constructor(
    readonly fault: ModelFault,
    readonly first: Action,
    readonly second: Action,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.actThenAct(this.first, this.second, this.fault);
  }
  toString(): string {
    return `[fault: ${describeFault(this.fault)}] ${describe(this.first)}, then ${describe(this.second)}`;
  }
}

class Together extends Step {
  constructor(
    readonly first: Action,
    readonly second: Action,
    readonly offsetMs: number,
    readonly faults: readonly ModelFault[],
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.together(this.first, this.second, this.offsetMs, this.faults);
  }
  toString(): string {
    return `${this.faults.length > 0 ? `[fault: ${this.faults.map(describeFault).join('; ')}] ` : ''}at once (+${this.offsetMs} ms): ${describe(this.first)} | ${describe(this.second)}`;
  }
}

class Crash extends Step {
  constructor(
    readonly inFlight: Action | undefined,
    readonly afterMs: number,
  ) {
    super();
  }
  run(_: Box, harness: Harness): Promise<void> {
    return harness.crash(this.inFlight, this.afterMs);
  }
  toString(): string {
    return `SIGKILL the site${this.inFlight ? ` ${this.afterMs} ms into "${describe(this.inFlight)}"` : ''}, restart it`;
  }
}

// Arbitraries ---------------------------------------------------------------------------------------------------------

const ticket = fc.constantFrom<Ticket>(0, 1);
const anyone = fc.constantFrom(...PEOPLE.map((p) => p.email));
const memberOf = (team: string): string => `${team}@example.com`;
/** Mostly someone who may act (a member), sometimes anyone at all (who may not). */
const actorFor = (team: string): fc.Arbitrary<string> => fc.oneof({ weight: 4, arbitrary: fc.constant(memberOf(team)) }, { weight: 1, arbitrary: anyone });

const decide: fc.Arbitrary<Action> = fc
  .record({
    ticket,
    team: fc.constantFrom(...ALL_TEAMS),
    decision: fc.constantFrom<DecideKind>('approve', 'approve', 'approve', 'revoke', 'decline'),
    reason: fc.constantFrom('Load tests are missing', 'Runbook not reviewed', 'Capacity plan missing', ''),
  })
  .chain(({ ticket: t, team, decision, reason }) =>
    actorFor(team).map((email): Action => ({ kind: 'decide', ticket: t, team, decision, email, ...(decision === 'decline' && { comment: reason }) })),
  );

const numberValues: fc.Arbitrary<Record<string, number>> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        capacity: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 10, 500, 1000, 1500) }, { weight: 2, arbitrary: fc.integer({ min: -1, max: 2000 }) }, { weight: 1, arbitrary: fc.constant(2.5) }),
        velocity: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0, 5, 20) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 60 }) }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ speed: 3 }) },
);

const recorder = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(PM_EMAIL, memberOf('sre-p'), memberOf('cee')) }, { weight: 1, arbitrary: anyone });

const numbers: fc.Arbitrary<Action> = fc.record({ ticket, values: numberValues, email: recorder }).map((a): Action => ({ kind: 'numbers', ...a }));

const answers: fc.Arbitrary<Action> = fc
  .record({ ticket, text: fc.constantFrom('Runbook at wiki/addon-b, SRE-P on call', 'See the ops guide', ''), unknown: fc.boolean(), email: recorder })
  .map(({ ticket: t, text, unknown, email }): Action => ({ kind: 'answers', ticket: t, answers: unknown ? { 'no-such-question': text } : { [RUNBOOK_QUESTION]: text }, email }));

const override: fc.Arbitrary<Action> = fc
  .record({
    ticket,
    stage: fc.constantFrom<StageKey>('promote-to-prod', 'go-live'),
    justification: fc.integer({ min: 0, max: JUSTIFICATIONS.length - 1 }),
    email: fc.oneof({ weight: 4, arbitrary: fc.constant(ADMIN_EMAIL) }, { weight: 1, arbitrary: anyone }),
  })
  .map((a): Action => ({ kind: 'override', ...a }));

/** Mostly a member of the team marking it not applicable, now and then withdrawing, sometimes someone who may not. */
const waive: fc.Arbitrary<Action> = fc
  .record({ ticket, team: fc.constantFrom('layered-sre', 'layered-sre', 'cee', 'dev-team'), withdraw: fc.boolean(), reason: fc.integer({ min: 0, max: JUSTIFICATIONS.length - 1 }) })
  .chain(({ ticket: t, team, withdraw, reason }) =>
    fc.oneof({ weight: 3, arbitrary: actorFor(team) }, { weight: 1, arbitrary: fc.constant(ADMIN_EMAIL) }).map((email): Action => ({ kind: 'waive', ticket: t, team, withdraw, reason, email })),
  );

const flag = (onWeight: number, base: boolean): fc.Arbitrary<boolean> => fc.oneof({ weight: 10 - onWeight, arbitrary: fc.constant(base) }, { weight: onWeight, arbitrary: fc.constant(!base) });

export const variant: fc.Arbitrary<Variant> = fc.record({
  ceeInPromote: flag(2, BASE_VARIANT.ceeInPromote),
  devTeamInPromote: flag(2, BASE_VARIANT.devTeamInPromote),
  devTeamConfigured: flag(2, BASE_VARIANT.devTeamConfigured),
  ceeActsViaSreP: flag(2, BASE_VARIANT.ceeActsViaSreP),
  srePMovedToCee: flag(1, BASE_VARIANT.srePMovedToCee),
  reporterMayApprove: flag(2, BASE_VARIANT.reporterMayApprove),
  onePersonOneTeam: flag(2, BASE_VARIANT.onePersonOneTeam),
  overrideGroup: flag(1, BASE_VARIANT.overrideGroup),
  runbookQuestion: flag(3, BASE_VARIANT.runbookQuestion),
  capacityMin: fc.constantFrom(1, 1, 1, 1000),
  invalid: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('empty-stage' as const, 'invisible-team-name' as const, 'invisible-group' as const) }),
});

const save: fc.Arbitrary<Action> = fc
  .record({ variant, email: fc.oneof({ weight: 9, arbitrary: fc.constant(ADMIN_EMAIL) }, { weight: 1, arbitrary: anyone }) })
  .map((a): Action => ({ kind: 'save', ...a }));

const recordAction: fc.Arbitrary<Action> = fc.oneof({ weight: 6, arbitrary: decide }, { weight: 2, arbitrary: numbers }, { weight: 1, arbitrary: answers }, { weight: 1, arbitrary: override }, { weight: 1, arbitrary: waive });
export const action: fc.Arbitrary<Action> = fc.oneof({ weight: 10, arbitrary: recordAction }, { weight: 1, arbitrary: save });

const propertyKey = fc.constantFrom(
  ...ALL_TEAMS.map(PROPERTY.team),
  PROPERTY.pass('promote-to-prod'),
  PROPERTY.pass('go-live'),
  PROPERTY.team('sre-p'),
  PROPERTY.team('dev-team'),
  PROPERTY.numbers,
  PROPERTY.numbers,
  PROPERTY.answers,
  PROPERTY.override('promote-to-prod'),
  PROPERTY.override('go-live'),
  PROPERTY.summary,
  PROPERTY.team('ghost'),
  PROPERTY.waiver('layered-sre'),
  PROPERTY.waiver('cee'),
);
const tamperMode = fc.constantFrom<TamperMode>('delete', 'random', 'older', 'older', 'copy', 'forge', 'forge', 'restore');

const tamperOf = (keys: fc.Arbitrary<string>): fc.Arbitrary<ModelCommand> =>
  fc
  .tuple(ticket, keys, tamperMode, fc.nat({ max: 20 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([t, key, mode, pick, value]) => new Tamper(t, key, mode, pick, value));

const KVS_WRITES = ['transaction', 'set', 'delete'] as const;
const kvsFault: fc.Arbitrary<ModelFault> = fc.oneof(
  fc.record({ target: fc.constant('kvs' as const), match: fc.constantFrom('transaction', 'set', 'get', 'query', 'entity'), status: fc.constantFrom(500, 503, 429), times: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ target: fc.constant('kvs' as const), match: fc.constantFrom(...KVS_WRITES, 'query'), delayMs: fc.integer({ min: 20, max: 600 }) }),
  fc.record({ target: fc.constant('kvs' as const), match: fc.constantFrom(...KVS_WRITES), lateMs: fc.integer({ min: 30, max: 300 }), skip: fc.integer({ min: 0, max: 2 }) }),
);
const jiraFault: fc.Arbitrary<ModelFault> = fc.oneof(
  fc.record({ target: fc.constant('jira' as const), match: fc.constantFrom('PUT /rest/api/3/issue/', 'GET /rest/api/3/issue/', '/properties/', 'GET /rest/api/3/user/groups'), status: fc.constantFrom(500, 503), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ target: fc.constant('jira' as const), match: fc.constantFrom('PUT /rest/api/3/issue/', 'GET /rest/api/3/issue/'), status: fc.constant(429), retryAfterSeconds: fc.constantFrom(0, 1), times: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ target: fc.constant('jira' as const), match: fc.constantFrom('PUT /rest/api/3/issue/', '/properties/'), delayMs: fc.integer({ min: 20, max: 400 }) }),
);
const faults = fc.array(fc.oneof(kvsFault, jiraFault), { minLength: 1, maxLength: 2 });


/** Pairs of writes to one record, where the order decides what stays. */
const relatedPair: fc.Arbitrary<[Action, Action]> = fc.oneof(
  fc.tuple(ticket, fc.constantFrom(...ALL_TEAMS)).map(([t, team]): [Action, Action] => [
    { kind: 'decide', ticket: t, team, decision: 'approve', email: memberOf(team) },
    { kind: 'decide', ticket: t, team, decision: 'revoke', email: memberOf(team) },
  ]),
  fc.tuple(ticket, fc.constantFrom(...ALL_TEAMS)).map(([t, team]): [Action, Action] => [
    { kind: 'decide', ticket: t, team, decision: 'decline', email: memberOf(team), comment: 'Not yet' },
    { kind: 'decide', ticket: t, team, decision: 'approve', email: memberOf(team) },
  ]),
  fc.tuple(ticket, fc.integer({ min: 1, max: 900 }), fc.integer({ min: 1, max: 900 })).map(([t, a, b]): [Action, Action] => [
    { kind: 'numbers', ticket: t, values: { capacity: a }, email: PM_EMAIL },
    { kind: 'numbers', ticket: t, values: { capacity: b }, email: memberOf('sre-p') },
  ]),
  fc.tuple(variant, variant).map(([a, b]): [Action, Action] => [
    { kind: 'save', variant: a, email: ADMIN_EMAIL },
    { kind: 'save', variant: b, email: ADMIN_EMAIL },
  ]),
);

/** Pairs that two people do at the same moment: different records (both must be kept) or the same one. */
const concurrentPair: fc.Arbitrary<[Action, Action]> = fc.oneof(
  relatedPair,
  fc.tuple(ticket, fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 50 })).map(([t, capacity, velocity]): [Action, Action] => [
    { kind: 'numbers', ticket: t, values: { capacity }, email: PM_EMAIL },
    { kind: 'numbers', ticket: t, values: { velocity }, email: memberOf('sre-p') },
  ]),
  fc
    .tuple(ticket, fc.shuffledSubarray(ALL_TEAMS.filter((team) => team !== 'sre-p' && team !== 'cee'), { minLength: 2, maxLength: 2 }))
    .map(([t, [one = 'ocm-pm', two = 'addon-pm']]): [Action, Action] => [
      { kind: 'decide', ticket: t, team: one, decision: 'approve', email: memberOf(one) },
      { kind: 'decide', ticket: t, team: two, decision: 'approve', email: memberOf(two) },
    ]),
  fc.tuple(ticket, fc.constantFrom('Runbook at wiki/x', 'On call: SRE-P'), fc.constantFrom('', 'Updated runbook')).map(([t, a, b]): [Action, Action] => [
    { kind: 'answers', ticket: t, answers: { [RUNBOOK_QUESTION]: a }, email: PM_EMAIL },
    { kind: 'answers', ticket: t, answers: { [RUNBOOK_QUESTION]: b }, email: memberOf('cee') },
  ]),
);

const togetherOf = (pairs: fc.Arbitrary<[Action, Action]>): fc.Arbitrary<ModelCommand> =>
  fc
  .tuple(pairs, fc.integer({ min: 0, max: 30 }), fc.oneof({ weight: 3, arbitrary: fc.constant([] as ModelFault[]) }, { weight: 1, arbitrary: fc.array(kvsFault.filter((f) => f.lateMs === undefined), { minLength: 1, maxLength: 1 }) }))
  .map(([[a, b], offset, f]) => new Together(a, b, offset, f));

const lateThenNextOf = (pairs: fc.Arbitrary<[Action, Action]>): fc.Arbitrary<ModelCommand> =>
  fc
  .tuple(pairs, fc.constantFrom(...KVS_WRITES), fc.integer({ min: 150, max: 400 }), fc.integer({ min: 0, max: 2 }))
  .map(([[a, b], match, lateMs, skip]) => new LateThenNext({ target: 'kvs', match, lateMs, ...(skip > 0 && { skip }) }, a, b));

const crashOf = (actions: fc.Arbitrary<Action>): fc.Arbitrary<ModelCommand> =>
  fc
  .tuple(fc.option(actions, { nil: undefined, freq: 2 }), fc.integer({ min: 0, max: 80 }))
  .map(([a, ms]) => new Crash(a, ms));


const GROUPS = [...ALL_TEAMS.map((team) => `golive-${team}`), 'golive-overriders'];
const membership: fc.Arbitrary<ModelCommand> = fc.oneof(
  // Mostly a member leaving their team, and coming back.
  fc.tuple(fc.constantFrom(...ALL_TEAMS), fc.boolean()).map(([team, member]) => new Membership(memberOf(team), `golive-${team}`, member)),
  fc.tuple(anyone.filter((email) => email !== ADMIN_EMAIL), fc.constantFrom(...GROUPS), fc.boolean()).map(([email, group, member]) => new Membership(email, group, member)),
);

const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
const rally: fc.Arbitrary<ModelCommand> = fc
  .tuple(ticket, fc.boolean(), fc.shuffledSubarray([...ALL_TEAMS], { minLength: 1 }))
  .map(([t, goLive, teams]) => (goLive ? new Rally(t, ALL_TEAMS, { capacity: 500, velocity: 5 }) : new Rally(t, [...PROMOTE_TEAMS, ...teams.slice(0, 2)], undefined)));

// Gate model v2 ------------------------------------------------------------------------------------------------------

const setField: fc.Arbitrary<ModelCommand> = fc
  .tuple(ticket, fc.constantFrom<string | null>(...SIG_VALUES, 'sig-node', null))
  .map(([t, value]) => new SetField(t, value));

const advanceClock: fc.Arbitrary<ModelCommand> = fc
  .tuple(fc.nat({ max: 7 }), fc.constantFrom<'before' | 'after'>('before', 'after', 'after'), fc.integer({ min: 1, max: 3 }))
  .map(([pick, side, days]) => new AdvanceClock(pick, side, days));

/** The stages each team of the v2 template signs off. */
const PROMOTE_V2 = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];
const stagesOf = (team: string): string[] => (PROMOTE_V2.includes(team) || team === OWNING_SIG_TEAM ? ['promote-to-prod', 'go-live'] : ['go-live']);

/**
 * Mostly a member of the team, for SRE-P also an override-group member (its second approver when it needs 2), for the
 * owning SIG an approver of SIG Node or SIG Apps (whichever the ticket names, or not) or of the fixed owning-sig group
 * (never an approver here), sometimes anyone.
 */
const actorV2 = (team: string): fc.Arbitrary<string> => {
  if (team === 'sre-p') return fc.oneof({ weight: 3, arbitrary: fc.constant(memberOf(team)) }, { weight: 2, arbitrary: fc.constant(ADMIN_EMAIL) }, { weight: 1, arbitrary: anyone });
  if (team === OWNING_SIG_TEAM) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(memberOf('sig-node'), memberOf('sig-node'), memberOf('sig-apps')) }, { weight: 1, arbitrary: fc.constant(memberOf(team)) }, { weight: 1, arbitrary: anyone });
  return actorFor(team);
};

/** One approver's decision at one stage, or several at once; now and then at a stage that does not require the team. */
const decideAt: fc.Arbitrary<Action> = fc
  .record({
    ticket,
    team: fc.oneof({ weight: 5, arbitrary: fc.constantFrom('sre-p', 'sre-p', 'layered-sre', 'cee', 'mt-sre', 'dev-team', 'servicedev-b', 'addon-pm', OWNING_SIG_TEAM, OWNING_SIG_TEAM) }, { weight: 2, arbitrary: fc.constantFrom(...ALL_TEAMS) }),
    decision: fc.constantFrom<DecideKind>('approve', 'approve', 'approve', 'revoke', 'decline'),
    reason: fc.constantFrom('Load tests are missing', 'Runbook not reviewed', ''),
    which: fc.constantFrom('all', 'all', 'first', 'last', 'foreign'),
  })
  .chain(({ ticket: t, team, decision, reason, which }) => {
    const own = stagesOf(team);
    const stages = which === 'all' ? own : which === 'first' ? own.slice(0, 1) : which === 'last' ? own.slice(-1) : ['promote-to-prod', 'go-live'];
    return actorV2(team).map((email): Action => ({ kind: 'decideAt', ticket: t, team, stages, decision, email, ...(decision === 'decline' && { comment: reason }) }));
  });

/** Answers an item of each kind might get: valid ones, ones that clear it, and ones of the wrong kind or out of its rules. */
const ITEM_ANSWERS: Readonly<Record<string, readonly (ModelAnswer | null)[]>> = {
  'platform-not-compromised': [true, true, false, null, 'yes', 1],
  'osd-e2e-cd-signal': ['https://github.com/openshift/osde2e/runs/42', 'http://ci.example.com/run/7', 'see the wiki', 'ftp://ci.example.com/run', '', true],
  'go-live-signal': ['Free overall', 'Free with OSD', 'SKUs enabled, with AMS delivering quota reconcile against them', 'Free for everyone', '', 3],
  'viability-support-cover': [true, false, 'true'],
  'service-definition': [true, true, false],
  'demonstrated-slis': [true, false, null],
  'release-request': ['https://gitlab.example.com/addons/merge_requests/1', 'not yet', null],
  [RUNBOOK_ITEM]: ['Runbook at wiki/addon-b, SRE-P on call', '   ', '', 42, null],
  [ERROR_BUDGET_ITEM]: [5, 99, 0, 100, 101, -1, 2.5, '5', null],
  'no-such-item': ['anything'],
};
const ITEM_KEYS = Object.keys(ITEM_ANSWERS);

const itemAnswers: fc.Arbitrary<Record<string, ModelAnswer | null>> = fc
  .uniqueArray(fc.constantFrom(...ITEM_KEYS), { minLength: 1, maxLength: 3 })
  .chain((keys) => fc.tuple(...keys.map((key) => fc.constantFrom(...(ITEM_ANSWERS[key] ?? [null])))).map((values) => Object.fromEntries(keys.map((key, i) => [key, values[i] ?? null]))));

const items: fc.Arbitrary<Action> = fc
  .record({ ticket, answers: itemAnswers, email: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(PM_EMAIL, ADMIN_EMAIL, memberOf('cee'), memberOf('mt-sre')) }, { weight: 1, arbitrary: anyone }) })
  .map((a): Action => ({ kind: 'items', ...a }));

export const variantV2: fc.Arbitrary<VariantV2> = fc.record({
  generation: fc.constant(2 as const),
  scope: fc.constantFrom<VariantV2['scope']>('every', 'every', 'every', 'tasks', 'stories'),
  layeredSre: fc.constantFrom<VariantV2['layeredSre']>('if-present', 'if-present', 'if-present-or-task', 'when-task', 'when-story', 'always'),
  carryOver: flag(4, BASE_VARIANT_V2.carryOver),
  twoForSreP: flag(4, BASE_VARIANT_V2.twoForSreP),
  reporterMayApprove: flag(2, BASE_VARIANT_V2.reporterMayApprove),
  onePersonOneTeam: flag(2, BASE_VARIANT_V2.onePersonOneTeam),
  separationOfDuties: flag(2, BASE_VARIANT_V2.separationOfDuties),
  owningSig: flag(5, BASE_VARIANT_V2.owningSig),
  lifetimes: fc.constantFrom<VariantV2['lifetimes']>('none', 'approvals', 'waivers', 'both', 'both'),
  invalid: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('carry-over-later-stage' as const, 'stage-lowers-minimum' as const, 'choice-with-one-option' as const) }),
});

/** The valid v2 configuration a random run starts from. */
export const initialVariantV2: fc.Arbitrary<VariantV2> = variantV2.map((v) => ({ ...v, invalid: undefined }));

const saveV2: fc.Arbitrary<Action> = fc
  .record({ variant: variantV2, email: fc.oneof({ weight: 9, arbitrary: fc.constant(ADMIN_EMAIL) }, { weight: 1, arbitrary: anyone }) })
  .map((a): Action => ({ kind: 'save', ...a }));

/** Waivers of numbers and items (v2): by the team that signs off or reviews it, an override-group member, or anyone. */
const WAIVABLE_V2: readonly { readonly target: WaiverTargetModel; readonly team: string }[] = [
  { target: { kind: 'number', key: 'capacity' }, team: 'sre-p' },
  { target: { kind: 'number', key: 'velocity' }, team: 'sre-p' },
  { target: { kind: 'item', key: 'go-live-signal' }, team: 'servicedev-b' },
  { target: { kind: 'item', key: 'platform-not-compromised' }, team: 'mt-sre' },
  { target: { kind: 'item', key: RUNBOOK_ITEM }, team: 'cee' },
  { target: { kind: 'item', key: 'release-request' }, team: 'cee' },
];
const waiveValueV2: fc.Arbitrary<Action> = fc
  .record({ ticket, which: fc.constantFrom(...WAIVABLE_V2), withdraw: fc.boolean(), reason: fc.integer({ min: 0, max: JUSTIFICATIONS.length - 1 }) })
  .chain(({ ticket: t, which, withdraw, reason }) =>
    fc
      .oneof({ weight: 3, arbitrary: actorFor(which.team) }, { weight: 1, arbitrary: fc.constant(ADMIN_EMAIL) })
      .map((email): Action => ({ kind: 'waive', ticket: t, team: which.target.key, target: which.target, withdraw, reason, email })),
  );
const waiveV2: fc.Arbitrary<Action> = fc.oneof(waive, waiveValueV2);

const recordActionV2: fc.Arbitrary<Action> = fc.oneof({ weight: 6, arbitrary: decideAt }, { weight: 1, arbitrary: numbers }, { weight: 2, arbitrary: items }, { weight: 1, arbitrary: override }, { weight: 2, arbitrary: waiveV2 });
const actionV2: fc.Arbitrary<Action> = fc.oneof({ weight: 10, arbitrary: recordActionV2 }, { weight: 1, arbitrary: saveV2 });

/** Every item answered validly, the numbers recorded, then every team approving every stage it signs off at once. */
class RallyV2 extends Step {
  constructor(
    readonly ticket: Ticket,
    readonly teams: readonly string[],
  ) {
    super();
  }
  async run(_: Box, harness: Harness): Promise<void> {
    const answers = { 'platform-not-compromised': true, 'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/runs/42', 'go-live-signal': 'Free overall', 'viability-support-cover': true, 'service-definition': true, 'demonstrated-slis': true, [RUNBOOK_ITEM]: 'Runbook at wiki/addon-b', [ERROR_BUDGET_ITEM]: 5 };
    await harness.act({ kind: 'items', ticket: this.ticket, answers, email: ADMIN_EMAIL });
    await harness.act({ kind: 'numbers', ticket: this.ticket, values: { capacity: 500, velocity: 5 }, email: ADMIN_EMAIL });
    for (const team of this.teams) await harness.act({ kind: 'decideAt', ticket: this.ticket, team, stages: stagesOf(team), decision: 'approve', email: memberOf(team) });
    if (this.teams.includes('sre-p')) await harness.act({ kind: 'decideAt', ticket: this.ticket, team: 'sre-p', stages: ['go-live'], decision: 'approve', email: ADMIN_EMAIL });
    // The owning SIG, where the configuration has it: the approver of the SIG the ticket names (SIG Apps', else SIG Node's).
    if (harness.model.config.teams.has(OWNING_SIG_TEAM)) {
      const sig = harness.model.issues[this.ticket]?.fields[OWNING_SIG_FIELD] === 'sig-apps' ? 'sig-apps' : 'sig-node';
      await harness.act({ kind: 'decideAt', ticket: this.ticket, team: OWNING_SIG_TEAM, stages: stagesOf(OWNING_SIG_TEAM), decision: 'approve', email: memberOf(sig) });
    }
  }
  toString(): string {
    return `admin@ answers every item and records the numbers on ${TICKET_NAMES[this.ticket]}, then ${this.teams.join(', ')} approve every stage they sign off (admin@ too for SRE-P), each`;
  }
}

const rallyV2: fc.Arbitrary<ModelCommand> = fc
  .tuple(ticket, fc.boolean(), fc.shuffledSubarray([...ALL_TEAMS], { minLength: 1 }))
  .map(([t, all, teams]) => new RallyV2(t, all ? ALL_TEAMS : [...PROMOTE_V2, ...teams.slice(0, 3)]));

/** Pairs of writes to one record or to records of one team and stage, where the order decides what stays. */
const relatedPairV2: fc.Arbitrary<[Action, Action]> = fc.oneof(
  fc.tuple(ticket, fc.constantFrom('sre-p', 'cee', 'mt-sre')).map(([t, team]): [Action, Action] => [
    { kind: 'decideAt', ticket: t, team, stages: stagesOf(team), decision: 'approve', email: memberOf(team) },
    { kind: 'decideAt', ticket: t, team, stages: stagesOf(team).slice(-1), decision: 'revoke', email: memberOf(team) },
  ]),
  fc.tuple(ticket, fc.constantFrom('sre-p', 'layered-sre')).map(([t, team]): [Action, Action] => [
    { kind: 'decideAt', ticket: t, team, stages: ['go-live'], decision: 'decline', email: memberOf(team), comment: 'Not yet' },
    { kind: 'decideAt', ticket: t, team, stages: ['go-live'], decision: 'approve', email: memberOf(team) },
  ]),
  fc.tuple(ticket, fc.constantFrom<ModelAnswer>('Free overall', 'Free with OSD')).map(([t, signal]): [Action, Action] => [
    { kind: 'items', ticket: t, answers: { 'go-live-signal': signal }, email: PM_EMAIL },
    { kind: 'items', ticket: t, answers: { 'go-live-signal': null }, email: ADMIN_EMAIL },
  ]),
);

/** Two approvers of one team at one stage at the same moment (N of M: both records stay), items answered by two people. */
const concurrentPairV2: fc.Arbitrary<[Action, Action]> = fc.oneof(
  relatedPairV2,
  ticket.map((t): [Action, Action] => [
    { kind: 'decideAt', ticket: t, team: 'sre-p', stages: ['go-live'], decision: 'approve', email: memberOf('sre-p') },
    { kind: 'decideAt', ticket: t, team: 'sre-p', stages: ['go-live'], decision: 'approve', email: ADMIN_EMAIL },
  ]),
  fc.tuple(ticket, fc.constantFrom(true, false)).map(([t, tick]): [Action, Action] => [
    { kind: 'items', ticket: t, answers: { 'service-definition': tick }, email: PM_EMAIL },
    { kind: 'items', ticket: t, answers: { [ERROR_BUDGET_ITEM]: 7 }, email: ADMIN_EMAIL },
  ]),
  fc
    .tuple(ticket, fc.shuffledSubarray(['ocm-pm', 'addon-pm', 'servicedev-a', 'osd-sre', 'layered-sre'], { minLength: 2, maxLength: 2 }))
    .map(([t, [one = 'ocm-pm', two = 'addon-pm']]): [Action, Action] => [
      { kind: 'decideAt', ticket: t, team: one, stages: ['go-live'], decision: 'approve', email: memberOf(one) },
      { kind: 'decideAt', ticket: t, team: two, stages: ['go-live'], decision: 'approve', email: memberOf(two) },
    ]),
);

const propertyKeyV2 = fc.constantFrom(
  PROPERTY.decision('promote-to-prod', 'sre-p', 'acc-sre-p'),
  PROPERTY.decision('go-live', 'sre-p', 'acc-sre-p'),
  PROPERTY.decision('go-live', 'sre-p', 'acc-admin'),
  PROPERTY.decision('go-live', 'cee', 'acc-cee'),
  PROPERTY.decision('go-live', 'layered-sre', 'acc-layered-sre'),
  PROPERTY.decision('promote-to-prod', 'mt-sre', 'acc-mt-sre'),
  PROPERTY.decision('go-live', 'servicedev-b', 'acc-servicedev-b'),
  PROPERTY.answers,
  PROPERTY.answers,
  PROPERTY.numbers,
  PROPERTY.override('go-live'),
  PROPERTY.summary,
  PROPERTY.waiver('layered-sre'),
  PROPERTY.waiverOf({ kind: 'number', key: 'capacity' }),
  PROPERTY.waiverOf({ kind: 'item', key: 'go-live-signal' }),
  PROPERTY.pass('promote-to-prod'),
  PROPERTY.pass('go-live'),
);

/** The kinds of steps a run may take; each test names the ones it exercises. */
export interface Mix {
  readonly membership?: number;
  readonly tamper?: number;
  readonly faults?: number;
  readonly concurrency?: number;
  readonly crash?: number;
  /** Teams marked not applicable and required again (gate model v2's waivers). */
  readonly waivers?: number;
  /** Tickets moved through a stage's gated transition and left there (its pass counts), or back before the stages. */
  readonly moves?: number;
  /** Gate model v2: the ticket field that names the owning SIG's approvers set and changed (default 1 with v2). */
  readonly fields?: number;
  /** Gate model v2: the site clock moved to where approvals and waivers run out (default 1 with v2). */
  readonly clock?: number;
  /**
   * The run saves a gate model v2 configuration and acts as the panel does on it: decisions per stage and approver,
   * answers to typed items, v2 configurations (scope, conditional teams, N of M, carry-over) saved by admins.
   */
  readonly v2?: boolean;
}

/**
 * The commands of a run: the app's actions always, plus (weighted) tampering, faults and late writes, concurrent
 * calls and crashes.
 * @example fc.commands(steps({ tamper: 3 }), { maxCommands: 40 })
 */
export function steps(mix: Mix): fc.Arbitrary<ModelCommand>[] {
  const world = mix.v2 === true ? V2_WORLD : V1_WORLD;
  const weighted: fc.WeightedArbitrary<ModelCommand>[] = [
    { weight: 10, arbitrary: world.action.map((a) => new Act(a)) },
    { weight: 1, arbitrary: world.rally },
  ];
  if (mix.membership) weighted.push({ weight: mix.membership, arbitrary: membership });
  if (mix.tamper) weighted.push({ weight: mix.tamper, arbitrary: tamperOf(world.propertyKey) });
  if (mix.faults) {
    weighted.push({ weight: mix.faults, arbitrary: fc.tuple(faults, world.action).map(([f, a]) => new Faulty(f, a)) }, { weight: Math.max(1, Math.round(mix.faults / 2)), arbitrary: lateThenNextOf(world.relatedPair) });
  }
  if (mix.concurrency) weighted.push({ weight: mix.concurrency, arbitrary: togetherOf(world.concurrentPair) });
  if (mix.crash) weighted.push({ weight: mix.crash, arbitrary: crashOf(world.recordAction) });
  if (mix.waivers) weighted.push({ weight: mix.waivers, arbitrary: (mix.v2 === true ? waiveV2 : waive).map((a) => new Act(a)) });
  if (mix.moves) weighted.push({ weight: mix.moves, arbitrary: move });
  if (mix.v2 === true && (mix.fields ?? 1) > 0) weighted.push({ weight: mix.fields ?? 1, arbitrary: setField });
  if (mix.v2 === true && (mix.clock ?? 1) > 0) weighted.push({ weight: mix.clock ?? 1, arbitrary: advanceClock });
  return [fc.oneof(...weighted)];
}

/** The arbitraries of one generation of the gate: v1's ticket-wide decisions and text answers, or v2's. */
interface World {
  readonly action: fc.Arbitrary<Action>;
  readonly recordAction: fc.Arbitrary<Action>;
  readonly rally: fc.Arbitrary<ModelCommand>;
  readonly propertyKey: fc.Arbitrary<string>;
  readonly relatedPair: fc.Arbitrary<[Action, Action]>;
  readonly concurrentPair: fc.Arbitrary<[Action, Action]>;
}
const V1_WORLD: World = { action, recordAction, rally, propertyKey, relatedPair, concurrentPair };
const V2_WORLD: World = { action: actionV2, recordAction: recordActionV2, rally: rallyV2, propertyKey: propertyKeyV2, relatedPair: relatedPairV2, concurrentPair: concurrentPairV2 };
