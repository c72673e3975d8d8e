import { z } from 'zod';
import type { FieldError, GateConfig } from './gate/config';
import { LIMITS } from './gate/config';
import type { AnswersRecord, NumbersRecord, OverrideRecord, TeamDecision } from './gate/records';
import type { IntegrityProblem, Verdict } from './gate/verdict';
import type { AuditEvent } from './ports';

/**
 * The resolver contract between the Custom UI (static/), the local site's automation and the backend.
 * static/ imports these types; the backend parses every payload with these schemas.
 */

export const RESOLVER_FUNCTIONS = {
  panel: ['getGate', 'decide', 'recordNumbers', 'answerQuestions', 'override', 'getAudit'],
  settings: ['getConfig', 'saveConfig', 'applyTemplate', 'exportConfig', 'importConfig', 'getBenchDepth'],
  validatorConfig: ['getStageChoices'],
} as const;

export const DecidePayloadSchema = z.strictObject({
  team: z.string().min(1).max(40),
  decision: z.enum(['approve', 'decline', 'revoke']),
  comment: z.string().max(LIMITS.commentLength, `is at most ${LIMITS.commentLength} characters`).optional(),
});
export type DecidePayload = z.infer<typeof DecidePayloadSchema>;

export const RecordNumbersPayloadSchema = z.strictObject({
  values: z.record(z.string().min(1).max(40), z.number().finite()),
});
export type RecordNumbersPayload = z.infer<typeof RecordNumbersPayloadSchema>;

export const AnswerQuestionsPayloadSchema = z.strictObject({
  answers: z.record(z.string().min(1).max(40), z.string().max(LIMITS.answerLength, `is at most ${LIMITS.answerLength} characters`)),
});
export type AnswerQuestionsPayload = z.infer<typeof AnswerQuestionsPayloadSchema>;

export const OverridePayloadSchema = z.strictObject({
  stage: z.string().min(1).max(40),
  justification: z.string().max(LIMITS.commentLength),
});
export type OverridePayload = z.infer<typeof OverridePayloadSchema>;

export const GetAuditPayloadSchema = z.strictObject({
  cursor: z.string().max(600).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const SaveConfigPayloadSchema = z.strictObject({ config: z.unknown() });
export const ApplyTemplatePayloadSchema = z.strictObject({ template: z.string().min(1).max(80) });
/** Import takes the exported JSON as text, so a file that is not JSON at all gets a clear error too. */
export const ImportConfigPayloadSchema = z.strictObject({ json: z.string().max(1_000_000) });

export type ErrorCode = 'invalid-input' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'unavailable' | 'not-configured' | 'internal';

/** Every resolver answers with this: the UI never has to guess whether a call failed. */
export type ResolverResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string; readonly fieldErrors?: readonly FieldError[] | undefined } };

/** Whether the caller may act for a team, and if not, why not (shown beside the team). */
export interface TeamPermission {
  readonly team: string;
  readonly canAct: boolean;
  readonly canApprove?: boolean | undefined;
  readonly canDecline?: boolean | undefined;
  readonly canRevoke?: boolean | undefined;
  /** Set when canAct is false: "You are not in jira-sre-p", "The reporter may not approve", "You already approved for CEE". */
  readonly reason?: string | undefined;
}

export interface RecordIntegrity {
  readonly propertyKey: string;
  readonly problem: IntegrityProblem;
  /** How to repair it: "An approver for SRE-P can re-affirm the decision." */
  readonly fix: string;
}

export interface GateView {
  readonly issue: { readonly id: string; readonly key: string; readonly projectKey: string; readonly reporterAccountId?: string | undefined; readonly status: string };
  readonly configured: boolean;
  readonly config?: GateConfig | undefined;
  readonly records: {
    readonly decisions: Readonly<Record<string, TeamDecision>>;
    readonly numbers?: NumbersRecord | undefined;
    readonly answers?: AnswersRecord | undefined;
    readonly overrides: Readonly<Record<string, OverrideRecord>>;
  };
  readonly unverified: readonly RecordIntegrity[];
  readonly verdicts: readonly Verdict[];
  readonly permissions: readonly TeamPermission[];
  readonly canOverride: boolean;
  readonly canRecord: boolean;
  readonly audit: { readonly events: readonly AuditEvent[]; readonly nextCursor?: string | undefined };
  readonly me: { readonly accountId: string };
  readonly now: string;
}

export interface ConfigView {
  readonly projectId: string;
  readonly projectKey: string;
  readonly config?: GateConfig | undefined;
  readonly savedBy?: string | undefined;
  readonly savedAt?: string | undefined;
  readonly templates: readonly { readonly key: string; readonly name: string; readonly description: string }[];
}

export interface BenchDepth {
  readonly team: string;
  readonly approvers: readonly string[];
  readonly warning?: string | undefined;
}

/** A stage as the validator configuration lists it. */
export interface StageChoice {
  readonly key: string;
  readonly name: string;
}

/**
 * What the validator configuration screen offers (`getStageChoices`). Forge tells that screen no project for a
 * company-managed workflow, which several projects may share: it gets the stages of every project where the gate is
 * configured and the caller can see, so the admin picks a stage knowing which projects have it.
 */
export interface StageChoices {
  readonly projects: readonly {
    readonly id: string;
    readonly key: string;
    readonly name: string;
    readonly stages: readonly StageChoice[];
    /** What the validator enforces in this project when no stage is chosen: its strictest stage. */
    readonly strictestStage: StageChoice;
  }[];
  /** Stage keys every listed project has, in the first project's order: a shared workflow is safe with these. */
  readonly commonStages: readonly string[];
  /** Set for a team-managed workflow (Forge's `scopedProjectId`): only that project is listed. */
  readonly scopedProjectId?: string | undefined;
}
