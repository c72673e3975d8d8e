import type { NumberBasisInput } from '../../src/gate/number-basis';
// An issue for tests of the rules, written with the app's own record builders (src/gate/record-builders.ts).
import type { GateConfig } from '../../src/gate/config';
import { coveredDigests, coveredNumbers } from '../../src/gate/coverage';
import type { DecisionVerb } from '../../src/gate/decisions';
import { digestOf } from '../../src/gate/digest';
import { answersRecord, decisionRecord, numbersRecord, overrideRecord } from '../../src/gate/record-builders';
import type { AnswersRecord, DecisionKind, GateRecord, GateSnapshot, NumbersRecord } from '../../src/gate/records';
import { ANSWERS_PROPERTY, NUMBERS_PROPERTY, propertyKeyOf } from '../../src/gate/records';
import type { TargetVersion } from '../../src/gate/target-release';
import { coversRelease, releaseKeyOf } from '../../src/gate/target-release';

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

const VERB_OF: Readonly<Record<DecisionKind, DecisionVerb>> = { approved: 'approve', declined: 'decline', revoked: 'revoke' };

/**
 * An issue for tests of the rules: it writes records the way the app does (the property, and its digest and the record
 * itself in the app-only store; an approval covers the numbers and answers the app wrote so far), and it tampers the
 * way a user with edit rights can (raw property writes and deletes that leave the app's store alone).
 *
 * @example
 * const issue = new IssueFixture(config).recordNumbers({ capacity: 500, velocity: 20 }, T0).approve('sre-p', T0);
 * evaluateStage(config, 'go-live', issue.snapshot(), now);
 */
export class IssueFixture {
  private readonly properties: Record<string, unknown> = {};
  private readonly digests: Record<string, string> = {};
  private readonly written: Record<string, GateRecord> = {};
  private release: readonly TargetVersion[] | undefined;

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
    const written = { numbers: this.lastWritten<NumbersRecord>(NUMBERS_PROPERTY), answers: this.lastWritten<AnswersRecord>(ANSWERS_PROPERTY) };
    // Gate model v1's coverage: the numbers and answers the app last wrote that the team signs off, and the release.
    const covers = {
      ...coveredDigests(this.config, team, coveredNumbers(written.numbers), written.answers?.answers),
      ...(coversRelease(this.config, team) && { release: releaseKeyOf(this.release) }),
    };
    const record = decisionRecord({
      configVersion: this.config.version,
      issueId: this.issue.id,
      team,
      decision: VERB_OF[decision],
      by: options.by ?? `acc-${team}`,
      via: options.via ?? groups[0] ?? `golive-${team}`,
      at,
      comment: options.comment,
      covers,
    });
    return this.write(options.configVersion === undefined ? record : { ...record, configVersion: options.configVersion });
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

  /** Records numbers (and their bases) as the recordNumbers use case does, keeping the ones not named. */
  recordNumbers(values: Readonly<Record<string, number>>, at: string, by = 'acc-pm', bases: Readonly<Record<string, NumberBasisInput>> = {}): this {
    return this.write(numbersRecord({ issueId: this.issue.id, by, at }, this.lastWritten<NumbersRecord>(NUMBERS_PROPERTY), values, bases));
  }

  /** Answers questions as the answerQuestions use case does: keeps the answers not named, and an empty answer removes one. */
  answer(answers: Readonly<Record<string, string>>, at: string, by = 'acc-pm'): this {
    return this.write(answersRecord({ issueId: this.issue.id, by, at }, this.lastWritten<AnswersRecord>(ANSWERS_PROPERTY)?.answers, answers));
  }

  override(stage: string, justification: string, at: string, options: { by?: string; via?: string } = {}): this {
    return this.write(overrideRecord({ issueId: this.issue.id, by: options.by ?? 'acc-admin', at }, stage, options.via ?? 'golive-overriders', justification));
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

  /** Moves the ticket to these fix versions (a Jira field, not a record: nothing is written). */
  targetRelease(versions: readonly TargetVersion[]): this {
    this.release = versions;
    return this;
  }

  snapshot(): GateSnapshot {
    return { issue: { ...this.issue, ...(this.release !== undefined && { targetRelease: this.release }) }, properties: structuredClone(this.properties), digests: { ...this.digests }, written: structuredClone(this.written) };
  }

  /** The record the app last wrote under a key (its store's copy, whatever the property now holds), as the use cases merge into. */
  private lastWritten<T extends GateRecord>(key: string): T | undefined {
    return this.written[key] as T | undefined;
  }
}
