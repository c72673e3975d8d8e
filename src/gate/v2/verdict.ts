import type { OverrideRecord } from '../records';
import type { RequiredCheckVerdict } from '../required-checks';
import type { TeamVerdict, Verdict } from '../verdict';
import type { IntegrityProblem, NumberState, TeamState } from '../verdict';
import { TEAM_STATES } from '../verdict';
import type { ItemKind } from './config';
import type { AnswerValue } from './records';

/** v1's team states, plus a team waived on this ticket and one the ticket does not need. */
export const TEAM_STATES_V2 = [...TEAM_STATES, 'waived', 'not-required'] as const;
export type TeamStateV2 = TeamState | 'waived' | 'not-required';

/** Why one approval counts or does not. */
export type ApprovalState =
  | 'counts'
  | 'not-an-approver' // its group no longer acts for the team on this ticket (configuration or the ticket's field changed)
  | 'before-team' // given before the team was added back to the gate (policy reAddedTeamsKeepApprovals off)
  | 'linked-coverage' // given on a linked ticket, for a team that signs off this ticket's numbers, answers or release
  | 'left-group' // its approver is no longer in the group it came through
  | 'reporter' // given by the ticket's current reporter
  | 'other-team' // its approver already counted for another team
  | 'recorder' // its approver recorded a number or answer the team signs off
  | 'coverage-unverified' // what it covers cannot be trusted
  | 'stale' // what it covers (numbers, answers, the target release, the merge request's head commit) changed after it was given
  | 'expired';

export interface ApprovalView {
  readonly by: string;
  readonly at: string;
  readonly via: string;
  /** The stage it was given for: this one, or an earlier stage it carries over from. */
  readonly stage: string;
  readonly carriedFrom?: string | undefined;
  /** A v1 ticket-wide approval, given before approvals were per stage. */
  readonly legacy: boolean;
  readonly state: ApprovalState;
  readonly reason: string;
  readonly comment?: string | undefined;
  /** For an approval given on a linked ticket (issue 15): that ticket's key. */
  readonly linkedIssue?: string | undefined;
}

export interface DeclineView {
  readonly by: string;
  readonly at: string;
  readonly legacy: boolean;
  readonly comment?: string | undefined;
}

export interface Applicability {
  readonly status: 'required' | 'not-required' | 'waived';
  /** "required on every ticket", "not required: the label is not layered-sre", "waived by acc-x: …". */
  readonly reason: string;
  readonly waiver?: { readonly by: string; readonly at: string; readonly reason: string; readonly expiresAt?: string | undefined } | undefined;
}

/** One team at one stage: v1's fields, plus N of M and the approvals behind it. */
export interface TeamVerdictV2 {
  readonly team: string;
  readonly name: string;
  readonly area: string;
  readonly state: TeamStateV2;
  /**
   * The team's latest decision at this stage, as v1 showed it: where it was given (a comment command links to its
   * comment) and the linked ticket it was given on (issue 15).
   */
  readonly decision?: TeamVerdict['decision'];
  readonly integrity?: IntegrityProblem | undefined;
  readonly reason: string;
  readonly needed: number;
  readonly have: number;
  readonly approvals: readonly ApprovalView[];
  readonly declines: readonly DeclineView[];
  readonly applicability: Applicability;
  /** Some approval that counts here is a v1 ticket-wide approval: the panel says "approved before per-stage approvals". */
  readonly legacy: boolean;
  /** Who left the team's groups, when that is why the team waits: the validator's message names them ("approver left"). */
  readonly departedApprover?: string | undefined;
  /** Why the ticket names no approvers for the team, when its approvers come from a field: "Owning SIG is not set on this ticket". */
  readonly approverProblem?: string | undefined;
}

export interface NumberVerdictV2 {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly state: NumberState | 'waived';
  readonly value?: number | undefined;
  readonly recordedBy?: string | undefined;
  readonly reason: string;
}

export type ItemState = 'answered' | 'unanswered' | 'invalid' | 'unverified' | 'waived';

export interface ItemVerdict {
  readonly key: string;
  readonly section: string;
  readonly kind: ItemKind;
  readonly text: string;
  readonly state: ItemState;
  readonly value?: AnswerValue | undefined;
  readonly answeredBy?: string | undefined;
  readonly reason: string;
}

/** The evidence a stage passed, as the verdict shows it. */
export interface PassInfo {
  readonly at: string;
  readonly by: string;
  readonly configVersion: number;
  readonly overridden: boolean;
}

/**
 * What the gate decided for one stage of one ticket, shown by the panel and applied by the validator. v1's fields keep
 * their meaning (`questions` holds the items); v2 adds whether the gate applies, the pass, and what the verdict
 * relied on.
 */
export interface VerdictV2 {
  readonly stage: string;
  readonly stageName: string;
  readonly allowed: boolean;
  readonly overridden: boolean;
  readonly teams: readonly TeamVerdictV2[];
  readonly numbers: readonly NumberVerdictV2[];
  readonly questions: readonly ItemVerdict[];
  readonly override?: OverrideRecord | undefined;
  readonly missing: readonly string[];
  readonly reasons: readonly string[];
  readonly message: string;
  /** False on a ticket outside the gate's scope: allowed, with the reason in `message`. */
  readonly gated: boolean;
  /** Set while the stage stays passed: its decisions are read-only until the ticket moves back. */
  readonly passed?: PassInfo | undefined;
  /** Property keys of the records an allowed verdict relies on: the pass record stores their digests. */
  readonly relied: readonly string[];
  /** The next time the verdict changes by itself (an approval or a waiver expires), if any. */
  readonly changesAt?: string | undefined;
  /** The stage's freeze for this ticket (issue 16), as v1's verdict shows it. */
  readonly freeze?: Verdict['freeze'];
  /** The freeze exception that counts, when there is one. */
  readonly exception?: Verdict['exception'];
  /** The stage's required checks (issue 15), when it requires any. */
  readonly checks?: readonly RequiredCheckVerdict[] | undefined;
}
