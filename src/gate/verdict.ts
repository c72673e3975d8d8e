import type { DecisionSource } from './decision-source';
import type { OverrideRecord } from './records';
import type { RequiredCheckVerdict } from './required-checks';

export const TEAM_STATES = ['approved', 'declined', 'pending', 'stale', 'expired', 'unverified'] as const;
export type TeamState = (typeof TEAM_STATES)[number];

/** States in which a ticket waits on the team: it has not decided, or its approval no longer counts. A decline waits on the ticket's owners. */
export const WAITING_STATES: readonly TeamState[] = ['pending', 'stale', 'expired', 'unverified'];

/**
 * Whether the next move is the team's.
 *
 * @example
 * isWaitingOn('stale') // true
 * isWaitingOn('declined') // false
 */
export function isWaitingOn(state: string): boolean {
  return (WAITING_STATES as readonly string[]).includes(state);
}

/** Why a record could not be trusted. */
export type IntegrityProblem =
  | 'no-digest' // the property exists but the app never wrote it (forged, or copied from another issue)
  | 'digest-mismatch' // the property was edited or replayed after the app wrote something else
  | 'deleted' // the app wrote it but the property is gone
  | 'malformed' // not a record of the expected shape
  | 'wrong-issue'; // a record written for another issue

export interface TeamVerdict {
  readonly team: string;
  readonly name: string;
  readonly area: string;
  readonly state: TeamState;
  /** The decision behind the state, when there is one the app can show. */
  readonly decision?:
    | {
        readonly decision: string;
        readonly by: string;
        readonly at: string;
        readonly comment?: string | undefined;
        readonly source?: DecisionSource | undefined;
        /** The linked ticket the approval was given on, when not on this one (issue 15). */
        readonly linkedIssue?: string | undefined;
      }
    | undefined;
  readonly integrity?: IntegrityProblem | undefined;
  /** The approver whose approval stopped counting because the transition's re-check found them outside the team's groups. */
  readonly departedApprover?: string | undefined;
  /** One short sentence: "SRE-P approved 3 days ago", "CEE declined: docs missing", "record edited outside the app". */
  readonly reason: string;
}

export type NumberState = 'recorded' | 'missing' | 'out-of-range' | 'unverified';
export interface NumberVerdict {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly state: NumberState;
  readonly value?: number | undefined;
  readonly reason: string;
}

export type QuestionState = 'answered' | 'unanswered' | 'unverified';
export interface QuestionVerdict {
  readonly key: string;
  readonly section: string;
  readonly state: QuestionState;
}

/**
 * What the gate decided for one stage of one issue. The panel shows it and the validator applies it,
 * so nobody is surprised at the transition.
 */
export interface Verdict {
  readonly stage: string;
  readonly stageName: string;
  readonly allowed: boolean;
  /** True when the stage passes only because it was overridden. */
  readonly overridden: boolean;
  readonly teams: readonly TeamVerdict[];
  readonly numbers: readonly NumberVerdict[];
  readonly questions: readonly QuestionVerdict[];
  readonly override?: OverrideRecord | undefined;
  /** Short names of what blocks the stage: team names, "capacity not recorded", "2 questions unanswered". */
  readonly missing: readonly string[];
  /** Short sentences explaining the verdict, one per problem. */
  readonly reasons: readonly string[];
  /** One line for the validator: "Go live blocked: waiting on CEE, OCM PM; capacity not recorded". */
  readonly message: string;
  /** The stage's freeze for this ticket (issue 16): when it starts, from which release, and whether it has begun. */
  readonly freeze?: { readonly deadline: string; readonly release: string; readonly frozen: boolean } | undefined;
  /** The freeze exception that counts, when there is one. */
  readonly exception?: { readonly by: string; readonly at: string; readonly justification: string } | undefined;
  /** The stage's required checks (issue 15), when it requires any: each with its state, the run and the head it was for. */
  readonly checks?: readonly RequiredCheckVerdict[] | undefined;
}
