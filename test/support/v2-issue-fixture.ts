import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, PLAYBOOK_PROPERTY } from '../../src/gate/records';
import { answersDigest } from '../../src/gate/playbook-rules';
import type { DecisionKind, TeamDecision } from '../../src/gate/records';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import { coveredDigestsV2 } from '../../src/gate/v2/coverage';
import type { GateFacts } from '../../src/gate/v2/evaluate';
import type { RecordSetV2, RecordSnapshot } from '../../src/gate/v2/read-records';
import { readRecordsV2 } from '../../src/gate/v2/read-records';
import type { AnswerValue, AnswersRecordV2, GateRecordV2, NumbersRecordV2, PassRecord, WaiverTarget } from '../../src/gate/v2/records';
import { legacyTeamProperty, parseAnswers, parseNumbers, propertyKeyOfV2, recordDigest } from '../../src/gate/v2/records';
import type { TicketFacts } from '../../src/gate/v2/ticket';
import { approverGroupsOn } from '../../src/gate/v2/ticket';

export interface DecisionOptions {
  /** Defaults to `acc-<team>`, the demo approver of the team. */
  readonly by?: string;
  /** Defaults to the first group that acts for the team on the ticket. */
  readonly via?: string;
  readonly comment?: string;
}

export const FIXTURE_TICKET: TicketFacts = {
  id: '10001',
  key: 'SKU-1',
  projectKey: 'SKU',
  issueType: 'Task',
  statusId: '10001',
  reporterAccountId: 'acc-pm',
  labels: [],
  components: [],
  fields: {},
};

/**
 * A ticket for tests of the v2 rules: it writes records the way the app does (the property, and its digest in the
 * app-only store; an approval covers the current numbers and answers), writes v1 records as today's main does, and
 * tampers the way a user with edit rights can (raw property writes and deletes that leave the digests alone).
 *
 * @example
 * const issue = new IssueFixtureV2(config).recordNumbers({ capacity: 500 }, T0).approve('go-live', 'sre-p', T0);
 * evaluateStageV2(issue.facts(), 'go-live', now);
 */
export class IssueFixtureV2 {
  private readonly properties: Record<string, unknown> = {};
  private readonly digests: Record<string, string> = {};
  ticket: TicketFacts;

  constructor(
    private readonly config: GateConfigV2,
    ticket: Partial<TicketFacts> = {},
  ) {
    this.ticket = { ...FIXTURE_TICKET, ...ticket };
  }

  /** Changes what Jira says about the ticket (a label added, the reporter or a field changed). */
  withTicket(change: Partial<TicketFacts>): this {
    this.ticket = { ...this.ticket, ...change };
    return this;
  }

  /** Writes a value as the app does: the property and its digest. */
  writeAt(propertyKey: string, record: unknown): this {
    this.properties[propertyKey] = structuredClone(record);
    this.digests[propertyKey] = recordDigest(record);
    return this;
  }

  write(record: GateRecordV2): this {
    return this.writeAt(propertyKeyOfV2(record), record);
  }

  private covers(team: string): ReturnType<typeof coveredDigestsV2> {
    const numbers = parseNumbers(this.properties[NUMBERS_PROPERTY]);
    const answers = parseAnswers(this.properties[ANSWERS_PROPERTY]);
    return coveredDigestsV2(this.config, team, numbers, answers?.answers);
  }

  private defaultVia(team: string): { via: string; viaSource: 'team-group' | 'ticket-field'; viaFieldValue?: string } {
    const teamConfig = this.config.teams.find((t) => t.key === team);
    const first = teamConfig === undefined ? undefined : approverGroupsOn(this.config, teamConfig, this.ticket).groups[0];
    if (first === undefined) return { via: `golive-${team}`, viaSource: 'team-group' };
    return { via: first.group, viaSource: first.source, ...(first.fieldValue !== undefined && { viaFieldValue: first.fieldValue }) };
  }

  decide(stage: string, team: string, decision: DecisionKind, at: string, options: DecisionOptions = {}): this {
    const resolved = this.defaultVia(team);
    const via = options.via ?? resolved.via;
    return this.write({
      kind: 'decision',
      schemaVersion: 2,
      issueId: this.ticket.id,
      stage,
      team,
      decision,
      by: options.by ?? `acc-${team}`,
      via,
      viaSource: via === resolved.via ? resolved.viaSource : 'team-group',
      ...(via === resolved.via && resolved.viaFieldValue !== undefined && { viaFieldValue: resolved.viaFieldValue }),
      at,
      ...(options.comment !== undefined && { comment: options.comment }),
      covers: decision === 'approved' ? this.covers(team) : {},
      source: { kind: 'panel' },
    });
  }

  approve(stage: string, team: string, at: string, options: DecisionOptions = {}): this {
    return this.decide(stage, team, 'approved', at, options);
  }

  decline(stage: string, team: string, at: string, comment: string, options: DecisionOptions = {}): this {
    return this.decide(stage, team, 'declined', at, { ...options, comment });
  }

  revoke(stage: string, team: string, at: string, options: DecisionOptions = {}): this {
    return this.decide(stage, team, 'revoked', at, options);
  }

  /** Records numbers as v2 does: merged per key, each key remembering who recorded it. */
  recordNumbers(values: Readonly<Record<string, number>>, at: string, by = 'acc-pm'): this {
    const previous = this.properties[NUMBERS_PROPERTY] as NumbersRecordV2 | undefined;
    const recordedBy = Object.fromEntries(Object.keys(values).map((k) => [k, by]));
    return this.write({
      kind: 'numbers',
      schemaVersion: 2,
      issueId: this.ticket.id,
      values: { ...previous?.values, ...values },
      recordedBy: { ...previous?.recordedBy, ...recordedBy },
      by,
      at,
    });
  }

  /** Answers items as v2 does: merged per key, each key remembering who answered it. */
  answer(answers: Readonly<Record<string, AnswerValue>>, at: string, by = 'acc-pm'): this {
    const previous = this.properties[ANSWERS_PROPERTY] as AnswersRecordV2 | undefined;
    const answeredBy = Object.fromEntries(Object.keys(answers).map((k) => [k, by]));
    return this.write({
      kind: 'answers',
      schemaVersion: 2,
      issueId: this.ticket.id,
      answers: { ...previous?.answers, ...answers },
      answeredBy: { ...previous?.answeredBy, ...answeredBy },
      by,
      at,
    });
  }

  /** A playbook generated now, from the answers as they are (its attachment is not modelled). */
  generatePlaybook(at: string, by = 'acc-pm'): this {
    const answers = parseAnswers(this.properties[ANSWERS_PROPERTY]);
    const fileName = `${this.ticket.key}-playbook.md`;
    return this.writeAt(PLAYBOOK_PROPERTY, { kind: 'playbook', issueId: this.ticket.id, attachmentId: '10', fileName, sha256: 'a'.repeat(64), answersDigest: answersDigest(answers), by, at });
  }

  waive(target: WaiverTarget, at: string, reason: string, options: { by?: string; via?: string } = {}): this {
    return this.waiver('waived', target, at, reason, options);
  }

  withdrawWaiver(target: WaiverTarget, at: string, reason: string, options: { by?: string; via?: string } = {}): this {
    return this.waiver('withdrawn', target, at, reason, options);
  }

  private waiver(status: 'waived' | 'withdrawn', target: WaiverTarget, at: string, reason: string, options: { by?: string; via?: string }): this {
    return this.write({
      kind: 'waiver',
      schemaVersion: 2,
      issueId: this.ticket.id,
      target,
      status,
      by: options.by ?? `acc-${target.key}`,
      via: options.via ?? `golive-${target.key}`,
      at,
      reason,
    });
  }

  override(stage: string, justification: string, at: string, options: { by?: string; via?: string } = {}): this {
    return this.write({ kind: 'override', issueId: this.ticket.id, stage, by: options.by ?? 'acc-admin', via: options.via ?? 'golive-overriders', at, justification });
  }

  /** Stores the evidence that the ticket passed the stage, relying on the records given (by property key). */
  pass(stage: string, at: string, options: Partial<Pick<PassRecord, 'by' | 'transition' | 'configVersion' | 'overridden' | 'message' | 'reopened'>> & { relied?: readonly string[] } = {}): this {
    const relied = Object.fromEntries((options.relied ?? []).map((key) => [key, this.digests[key] ?? '0'.repeat(64)]));
    const transition = options.transition ?? { id: '21', from: '10001', to: '10002' };
    // The transition moved the ticket on.
    this.ticket = { ...this.ticket, statusId: transition.to };
    return this.write({
      kind: 'pass',
      schemaVersion: 2,
      issueId: this.ticket.id,
      stage,
      at,
      by: options.by ?? 'acc-pm',
      transition,
      configVersion: options.configVersion ?? this.config.version,
      overridden: options.overridden ?? false,
      message: options.message ?? `${stage}: ready`,
      relied,
      ...(options.reopened !== undefined && { reopened: options.reopened }),
    });
  }

  /** A v1 ticket-wide decision, exactly as today's main writes it to `golive-gate.team.<team>`. */
  legacyDecide(team: string, decision: DecisionKind, at: string, options: DecisionOptions = {}): this {
    const record: TeamDecision = {
      kind: 'decision',
      issueId: this.ticket.id,
      team,
      decision,
      by: options.by ?? `acc-${team}`,
      via: options.via ?? this.config.teams.find((t) => t.key === team)?.groups[0] ?? `golive-${team}`,
      at,
      ...(options.comment !== undefined && { comment: options.comment }),
      covers: decision === 'approved' ? this.covers(team) : {},
    };
    return this.writeAt(legacyTeamProperty(team), record);
  }

  /** v1's numbers record: no schema version, no note of who recorded each value. */
  legacyNumbers(values: Readonly<Record<string, number>>, at: string, by = 'acc-pm'): this {
    const previous = parseNumbers(this.properties[NUMBERS_PROPERTY]);
    return this.writeAt(NUMBERS_PROPERTY, { kind: 'numbers', issueId: this.ticket.id, values: { ...previous?.values, ...values }, by, at });
  }

  /** v1's answers record: free text only. */
  legacyAnswers(answers: Readonly<Record<string, string>>, at: string, by = 'acc-pm'): this {
    const previous = parseAnswers(this.properties[ANSWERS_PROPERTY]);
    return this.writeAt(ANSWERS_PROPERTY, { kind: 'answers', issueId: this.ticket.id, answers: { ...previous?.answers, ...answers }, by, at });
  }

  /** The raw value of a property, e.g. to replay it later or copy it to another issue. */
  property(key: string): unknown {
    return this.properties[key];
  }

  /** A PUT by anyone who can edit the issue: the app's digests stay as they were. */
  setProperty(key: string, value: unknown): this {
    this.properties[key] = value;
    return this;
  }

  /** A DELETE by anyone who can edit the issue. */
  deleteProperty(key: string): this {
    delete this.properties[key];
    return this;
  }

  snapshot(): RecordSnapshot {
    return { issueId: this.ticket.id, properties: structuredClone(this.properties), digests: { ...this.digests } };
  }

  records(): RecordSetV2 {
    return readRecordsV2(this.config, this.snapshot());
  }

  facts(memberships?: Readonly<Record<string, readonly string[]>>): GateFacts {
    return { config: this.config, ticket: this.ticket, records: this.records(), ...(memberships !== undefined && { memberships }) };
  }
}
