import type { DecisionSource } from './decision-source';
import type { DecisionVerb } from './decisions';
import { decidedAs } from './decisions';
import type { NumberBasisInput } from './number-basis';
import { mergeBases } from './number-basis';
import type { AnswersRecord, FreezeException, NumbersRecord, OverrideRecord, TeamDecision } from './records';

/** Who writes a record, when, on which issue. */
export interface Authorship {
  readonly issueId: string;
  readonly by: string;
  readonly at: string;
}

export interface DecisionRequest extends Authorship {
  /** The configuration version the decision is made under: an approval from before its team was re-added does not count. */
  readonly configVersion: number;
  readonly team: string;
  readonly decision: DecisionVerb;
  /** The group through which `by` acts for the team. */
  readonly via: string;
  /** Written as given (the use case trims it); an empty comment is left out. */
  readonly comment?: string | undefined;
  /**
   * What an approval vouches for (the digests of the numbers and answers its team signs off or reviews, as the app last
   * wrote them, and the target release where a stage requires one): the caller computes it by the gate model's rules.
   * A decline or revocation covers nothing, whatever is given.
   */
  readonly covers: TeamDecision['covers'];
  /** Where the decision was given, when not in the panel (a comment command). */
  readonly source?: DecisionSource | undefined;
}

/**
 * A team's decision as the app records it: an empty comment left out, the configuration version it was made under, and
 * an approval covering what the caller computed it vouches for (a decline or revocation covers nothing).
 *
 * @example
 * decisionRecord({ configVersion: 3, issueId: '10001', team: 'sre-p', decision: 'approve', by: 'acc-sre-p', via: 'golive-sre-p', at, covers: { numbers: '3f1c…' } })
 * // { kind: 'decision', team: 'sre-p', decision: 'approved', configVersion: 3, covers: { numbers: '3f1c…' }, ... }
 */
export function decisionRecord(request: DecisionRequest): TeamDecision {
  const { configVersion, issueId, team, decision, by, via, at, comment = '', covers, source } = request;
  return {
    kind: 'decision',
    issueId,
    team,
    decision: decidedAs(decision),
    by,
    via,
    at,
    ...(comment !== '' && { comment }),
    configVersion,
    covers: decision === 'approve' ? covers : {},
    ...(source !== undefined && { source }),
  };
}

/**
 * The numbers after recording `values` and `bases`: the values and bases the app last wrote (`written`, from KVS) not
 * named are kept (mergeBases); a record with no basis has no `basis` key, as records written before bases existed.
 *
 * @example
 * numbersRecord({ issueId: '10001', by: 'acc-pm', at }, { values: { capacity: 500, velocity: 20 } }, { capacity: 600 }).values // { capacity: 600, velocity: 20 }
 */
export function numbersRecord(
  author: Authorship,
  written: Pick<NumbersRecord, 'values' | 'basis'> | undefined,
  values: Readonly<Record<string, number>>,
  bases: Readonly<Record<string, NumberBasisInput>> = {},
): NumbersRecord {
  const basis = mergeBases(written?.basis, bases);
  return { kind: 'numbers', issueId: author.issueId, values: { ...written?.values, ...values }, ...(Object.keys(basis).length > 0 && { basis }), by: author.by, at: author.at };
}

/**
 * The answers after answering `answers`: the answers the app last wrote (`written`, from KVS) not named are kept, and an
 * empty (or blank) answer removes one.
 *
 * @example
 * answersRecord({ issueId: '10001', by: 'acc-pm', at }, { slis: 'p99', slos: 'x' }, { slos: ' ' }).answers // { slis: 'p99' }
 */
export function answersRecord(author: Authorship, written: Readonly<Record<string, string>> | undefined, answers: Readonly<Record<string, string>>): AnswersRecord {
  const next: Record<string, string> = { ...written };
  for (const [key, text] of Object.entries(answers)) {
    if (text.trim() === '') delete next[key];
    else next[key] = text;
  }
  return { kind: 'answers', issueId: author.issueId, answers: next, by: author.by, at: author.at };
}

/**
 * A stage forced open through an override group, with its justification as given (the use case trims it).
 *
 * @example
 * overrideRecord({ issueId: '10001', by: 'acc-admin', at }, 'go-live', 'golive-overriders', 'Agreed with the VP on 3 March').stage // 'go-live'
 */
export function overrideRecord(author: Authorship, stage: string, via: string, justification: string): OverrideRecord {
  return { kind: 'override', issueId: author.issueId, stage, by: author.by, via, at: author.at, justification };
}

/**
 * An exception to a stage's freeze through one of its exception groups, for the release the ticket targets now (its
 * releaseKeyOf), with the justification as given (the use case trims it).
 *
 * @example
 * exceptionRecord({ issueId: '10001', by: 'acc-admin', at }, 'go-live', 'golive-release-managers', 'Security fix agreed with the release team', '10001').release // '10001'
 */
export function exceptionRecord(author: Authorship, stage: string, via: string, justification: string, release: string): FreezeException {
  return { kind: 'exception', issueId: author.issueId, stage, by: author.by, via, at: author.at, justification, release };
}
