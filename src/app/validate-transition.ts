import { z } from 'zod';
import { evaluateStage, strictestStage } from '../gate/evaluate';
import { snapshotOf } from './issue-context';
import type { ValidatorPorts } from '../ports';

/** What Jira passes a workflow validator function (the parts the gate reads). */
export const ValidatorEventSchema = z.object({
  issue: z.object({ id: z.union([z.string(), z.number()]).optional(), key: z.string().optional() }),
  configuration: z.unknown().optional(),
});
export type ValidatorEvent = z.infer<typeof ValidatorEventSchema>;

export interface ValidatorResult {
  readonly result: boolean;
  readonly errorMessage?: string;
}

export const COULD_NOT_VERIFY =
  'Go-Live Gate could not verify the approvals for this ticket because Jira or the app’s storage did not answer. Nothing was changed; try again in a minute.';

const StageConfigurationSchema = z.object({ stage: z.string().trim().min(1).optional() });

/** `{"stage": "go-live"}` as a JSON string (what the configuration UI saves) or an object; none means the strictest stage. */
function configuredStage(configuration: unknown): { readonly stage?: string } | { readonly problem: string } {
  if (configuration === undefined || configuration === null || (typeof configuration === 'string' && configuration.trim() === '')) return {};
  let value: unknown = configuration;
  if (typeof configuration === 'string') {
    try {
      value = JSON.parse(configuration) as unknown;
    } catch {
      return { problem: 'its configuration is not valid JSON' };
    }
  }
  const parsed = StageConfigurationSchema.safeParse(value);
  if (!parsed.success) return { problem: 'its configuration should be {"stage": "<stage key>"}' };
  return parsed.data.stage === undefined ? {} : { stage: parsed.data.stage };
}

const block = (errorMessage: string): ValidatorResult => ({ result: false, errorMessage });

/**
 * The workflow validator: lets the transition through only when the stage's rules hold. It reads one issue (one Jira
 * request, as the app) and at most two KVS keys (configuration and digests), and fails closed: anything it cannot read
 * or verify blocks the transition with a message that says so.
 *
 * @example
 * await checkTransition(ports, { issue: { key: 'SKU-1' }, configuration: '{"stage":"go-live"}' })
 * // { result: false, errorMessage: 'Go live blocked: waiting on CEE, OCM PM; capacity not recorded' }
 */
export async function checkTransition(ports: ValidatorPorts, event: unknown): Promise<ValidatorResult> {
  try {
    const parsed = ValidatorEventSchema.safeParse(event);
    const issueRef = parsed.success ? (parsed.data.issue.key ?? parsed.data.issue.id) : undefined;
    if (!parsed.success || issueRef === undefined) return block('Go-Live Gate could not tell which ticket is moving, so it blocked the transition.');
    const configured = configuredStage(parsed.data.configuration);
    if ('problem' in configured) return block(`The Go-Live Gate validator on this transition is misconfigured: ${configured.problem}. Ask a Jira admin to fix it.`);

    const issue = await ports.issues.getIssue(String(issueRef));
    const [stored, digests] = await Promise.all([ports.configs.get(issue.projectId), ports.digests.getAll(issue.id)]);
    if (stored === undefined) {
      return block(`Go-Live Gate is not set up for project ${issue.projectKey}: a project admin must choose a template in the project settings before this transition can pass.`);
    }
    const { config } = stored;
    const stageKey = configured.stage ?? strictestStage(config).key;
    if (!config.stages.some((s) => s.key === stageKey)) {
      const known = config.stages.map((s) => `"${s.key}"`).join(', ');
      return block(`The Go-Live Gate validator on this transition enforces the stage "${stageKey}", which project ${issue.projectKey} does not have (it has ${known}). Ask a Jira admin to fix the validator.`);
    }
    const verdict = evaluateStage(config, stageKey, snapshotOf(issue, digests), ports.clock.now());
    return { result: verdict.allowed, errorMessage: verdict.message };
  } catch (error) {
    // Fail closed: whatever went wrong, the transition does not pass. The log says why.
    console.error('Go-Live Gate validator could not verify the ticket:', error instanceof Error ? `${error.name}: ${error.message}` : error);
    return block(COULD_NOT_VERIFY);
  }
}
