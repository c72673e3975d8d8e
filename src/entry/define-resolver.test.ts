import type { GateView, ShadowPanel } from '../contract';
import type { Handlers } from './define-resolver';
import { defineResolver } from './define-resolver';

const invocation = (context: unknown): { readonly context: unknown } => ({ context });
const view = { configured: false } as unknown as GateView;
const shadows: ShadowPanel = { reviews: [], teams: [], canSecond: [], me: 'acc-cee' };
const panel: Handlers<'panel', { readonly context: unknown }> = {
  getGate: () => Promise.resolve(view),
  decide: () => Promise.resolve(view),
  recordNumbers: () => Promise.resolve(view),
  answerQuestions: () => Promise.resolve(view),
  override: () => Promise.resolve(view),
  getAudit: () => Promise.resolve({ events: [] }),
  getGlance: () => Promise.resolve({ configured: false }),
  recordUsage: () => Promise.resolve(view),
  getShadowReviews: () => Promise.resolve(shadows),
  recordShadowReview: () => Promise.resolve(shadows),
  secondShadowReview: () => Promise.resolve(shadows),
  generatePlaybook: () => Promise.resolve({ gate: view, markdown: '', fileName: 'x.md', attachmentId: '1' }),
  grantException: () => Promise.resolve(view),
  getReviewers: () => Promise.resolve({ teams: [] }),
  assignReviewer: () => Promise.resolve({ teams: [] }),
  waive: () => Promise.resolve(view),
  withdrawWaiver: () => Promise.resolve(view),
  answerItems: () => Promise.resolve(view),
  exportEvidence: () => Promise.resolve({ fileName: 'SKU-1-evidence.json', mediaType: 'application/json', content: '{}' }),
};
const call = (definitions: ReturnType<typeof defineResolver>, functionKey: string, payload: unknown): Promise<unknown> =>
  definitions({ call: { functionKey, payload }, context: { extension: { issue: { key: 'SKU-1' } } } }, { principal: { accountId: 'acc-cee' } });

describe('defineResolver', () => {
  it('hands each function its parsed payload and the invocation read from the Forge context', async () => {
    const decide = jest.fn((): Promise<GateView> => Promise.resolve(view));
    const definitions = defineResolver('panel', invocation, { ...panel, decide });
    expect(await call(definitions, 'decide', { team: 'cee', decision: 'approve' })).toEqual({ ok: true, data: view });
    const [input, invoked] = decide.mock.calls[0] as unknown as [unknown, { context: unknown }];
    expect(input).toEqual({ team: 'cee', decision: 'approve' });
    expect(invoked.context).toMatchObject({ accountId: 'acc-cee', extension: { issue: { key: 'SKU-1' } } });
  });

  it("refuses a payload the contract's schema refuses before running the handler", async () => {
    const decide = jest.fn();
    const definitions = defineResolver('panel', invocation, { ...panel, decide });
    expect(await call(definitions, 'decide', { team: 'cee', decision: 'maybe' })).toMatchObject({ ok: false, error: { code: 'invalid-input', fieldErrors: [{ path: 'decision' }] } });
    expect(decide).not.toHaveBeenCalled();
  });

  it('defines no function the contract does not have', async () => {
    await expect(call(defineResolver('panel', invocation, panel), 'whoAmI', {})).rejects.toThrow();
  });

  it('does not compile with a handler missing or one the contract does not have', () => {
    const missing: Partial<Record<keyof typeof panel, unknown>> = { ...panel };
    delete missing.getAudit;
    // @ts-expect-error getAudit is missing
    expect(() => defineResolver('panel', invocation, missing)).toThrow('The panel resolver has no handler for getAudit');
    // @ts-expect-error whoAmI is not a panel function of the contract
    expect(() => defineResolver('panel', invocation, { ...panel, whoAmI: () => Promise.resolve(1) })).not.toThrow();
    // @ts-expect-error decide answers a GateView, not a number
    expect(() => defineResolver('panel', invocation, { ...panel, decide: () => Promise.resolve(1) })).not.toThrow();
  });
});
