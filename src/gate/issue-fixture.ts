import type { GateConfig } from './config';
import { coveredDigests } from './coverage';
import { digestOf } from './digest';
import type { AnswersRecord, DecisionKind, GateRecord, GateSnapshot, NumbersRecord } from './records';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, propertyKeyOf } from './records';

export interface FixtureIssue {
  readonly id: string;
  readonly key: string;
  readonly reporterAccountId?: string;
}

export interface DecideOptions {
  /** Defaults to `acc-<team>`, the demo approver of the team. */
  readonly by?: string;
  /** Defaults to the team's first group. */
  readonly via?: string;
  readonly comment?: string;
  /** The configuration version the decision was made under; defaults to the configuration's version. */
  readonly configVersion?: number;
}

/**
 * An issue for tests of the rules: it writes records the way the app does (the property, and its digest and the record
 * itself in the app-only store, with an approval covering the current numbers and answers), and it tampers the way a
 * user with edit rights can (raw property writes and deletes that leave the app's store alone).
 *
 * @example
 * const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('sre-p', T0);
 * evaluateStage(config, 'go-live', issue.snapshot(), now);
 */
export class IssueFixture {
  private readonly properties: Record<string, unknown> = {};
  private readonly digests: Record<string, string> = {};
  private readonly written: Record<string, GateRecord> = {};

  constructor(
    private readonly config: GateConfig,
    readonly issue: FixtureIssue = { id: '10001', key: 'SKU-1', reporterAccountId: 'acc-pm' },
  ) {}

  /** Writes a record as the app does: the property, and its digest and the record in the app's store. */
  write(record: GateRecord): this {
    const key = propertyKeyOf(record);
    this.properties[key] = record;
    this.digests[key] = digestOf(record);
    this.written[key] = record;
    return this;
  }

  /** Writes a record as version 1 of the app did: the property and only its digest. */
  writeWithDigestOnly(record: GateRecord): this {
    const key = propertyKeyOf(record);
    this.properties[key] = record;
    this.digests[key] = digestOf(record);
    delete this.written[key];
    return this;
  }

  decide(team: string, decision: DecisionKind, at: string, options: DecideOptions = {}): this {
    const groups = this.config.teams.find((t) => t.key === team)?.groups ?? [`golive-${team}`];
    const numbers = this.written[NUMBERS_PROPERTY] as NumbersRecord | undefined;
    const answers = this.written[ANSWERS_PROPERTY] as AnswersRecord | undefined;
    return this.write({
      kind: 'decision',
      issueId: this.issue.id,
      team,
      decision,
      by: options.by ?? `acc-${team}`,
      via: options.via ?? groups[0] ?? `golive-${team}`,
      at,
      ...(options.comment !== undefined && { comment: options.comment }),
      configVersion: options.configVersion ?? this.config.version,
      covers: decision === 'approved' ? coveredDigests(this.config, team, numbers?.values, answers?.answers) : {},
    });
  }

  approve(team: string, at: string, options: DecideOptions = {}): this {
    return this.decide(team, 'approved', at, options);
  }

  decline(team: string, at: string, comment: string, options: DecideOptions = {}): this {
    return this.decide(team, 'declined', at, { ...options, comment });
  }

  revoke(team: string, at: string, options: DecideOptions = {}): this {
    return this.decide(team, 'revoked', at, options);
  }

  /** Records numbers, keeping the ones not named (as the recordNumbers resolver does). */
  recordNumbers(values: Readonly<Record<string, number>>, at: string, by = 'acc-pm'): this {
    const previous = this.written[NUMBERS_PROPERTY] as NumbersRecord | undefined;
    return this.write({ kind: 'numbers', issueId: this.issue.id, values: { ...previous?.values, ...values }, by, at });
  }

  /** Answers questions, keeping the answers not named (as the answerQuestions resolver does). */
  answer(answers: Readonly<Record<string, string>>, at: string, by = 'acc-pm'): this {
    const previous = this.written[ANSWERS_PROPERTY] as AnswersRecord | undefined;
    return this.write({ kind: 'answers', issueId: this.issue.id, answers: { ...previous?.answers, ...answers }, by, at });
  }

  override(stage: string, justification: string, at: string, options: { by?: string; via?: string } = {}): this {
    return this.write({ kind: 'override', issueId: this.issue.id, stage, by: options.by ?? 'acc-admin', via: options.via ?? 'golive-overriders', at, justification });
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

  snapshot(): GateSnapshot {
    return { issue: { ...this.issue }, properties: structuredClone(this.properties), digests: { ...this.digests }, written: structuredClone(this.written) };
  }
}
