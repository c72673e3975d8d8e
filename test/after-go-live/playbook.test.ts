import type { GateConfigV2, Item } from '../../src/gate/v2/config';
import { PLAYBOOK_PROPERTY } from '../../src/gate/records';
import { KEP_PROJECT, KEP_TRANSITIONS } from '../../emulator/site/demo';
import { DEMO, refusalOf, unwrap, useSite } from '../support/site-client';

// Seed 003: the questionnaire's results "will be included in the playbook for the feature (the creation of this
// playbook should be one of the production readiness criteria)". KEP-2 is in Alpha, owned by SIG Node (its Owning SIG
// field) under the v2 PRR template; Beta is set to require a playbook. The author (the PM) fills the checklist and the
// questionnaire, so the approvers who review them may approve (separation of duties).
const env = useSite();
const OWNING_SIG = DEMO.approverOf('sig-node');
const PRR = DEMO.approverOf('prr');
const KEY = 'KEP-2';
const kep = { projectKey: KEP_PROJECT.key };

const gateOf = async () => unwrap(await env.client.invoke(DEMO.pm, 'panel', 'getGate', {}, { issueKey: KEY }));
const betaOf = async () => (await gateOf()).verdicts.find((v) => v.stage === 'beta');
const approveBeta = async (issueKey: string, team: string, as: string): Promise<void> => {
  unwrap(await env.client.invoke(as, 'panel', 'decide', { team, decision: 'approve', stages: ['beta'] }, { issueKey }));
};

let config: GateConfigV2;
/** The questionnaire: the items answered in words. */
let questions: Item[];

/** An answer to every item, each by its kind: the questionnaire's answers from `text`. */
function answersFor(text: (item: Item, i: number) => string): Record<string, string | boolean> {
  return Object.fromEntries(config.items.map((item, i) => [item.key, item.kind === 'checkbox' ? true : item.kind === 'link' ? `https://github.com/kubernetes/enhancements/issues/${1000 + i}` : text(item, i)]));
}

beforeAll(async () => {
  const view = unwrap(await env.client.invoke(DEMO.admin, 'settings', 'getConfig', {}, kep));
  if (view.configV2 === undefined) throw new Error('The KEP project has the PRR template');
  const stages = view.configV2.stages.map((s) => (s.key === 'beta' ? { ...s, requirePlaybook: true } : s));
  config = unwrap(await env.client.invoke(DEMO.admin, 'settings', 'saveConfig', { config: { ...view.configV2, stages } }, kep)).configV2 ?? view.configV2;
  questions = config.items.filter((item) => item.kind === 'text');
});

describe('the playbook', () => {
  it('contains every answer, is attached to the ticket, and a stage that requires a current one blocks until it is generated after the last answer change', async () => {
    const answers = answersFor((item, i) => `Answer ${i + 1} for ${item.key}: handled by the kubelet`);
    unwrap(await env.client.invoke(DEMO.pm, 'panel', 'answerItems', { answers }, { issueKey: KEY }));
    await approveBeta(KEY, 'owning-sig', OWNING_SIG);
    await approveBeta(KEY, 'prr', PRR);

    const before = await betaOf();
    expect(before?.missing).toEqual(['playbook not generated']);
    const refused = await env.client.rest(DEMO.pm, 'POST', `/rest/api/3/issue/${KEY}/transitions`, { transition: { id: KEP_TRANSITIONS.toBeta.id } });
    expect(refused.status).toBe(400);
    expect(refusalOf(refused.body)).toContain('playbook not generated');

    const generated = unwrap(await env.client.invoke(PRR, 'panel', 'generatePlaybook', {}, { issueKey: KEY }));
    for (const question of questions) {
      expect(generated.markdown).toContain(question.text);
      expect(generated.markdown).toContain(answers[question.key]);
    }
    expect(generated.gate.records.playbook).toMatchObject({ attachmentId: generated.attachmentId, fileName: generated.fileName });
    expect(generated.gate.playbookCurrent).toBe(true);
    expect(generated.gate.verdicts.find((v) => v.stage === 'beta')?.allowed).toBe(true);

    // Attached through Jira's attachments API: listed on the issue, its content the Markdown the panel downloaded.
    const issue = await env.client.rest(DEMO.pm, 'GET', `/rest/api/3/issue/${KEY}?fields=attachment`);
    const attachments = (issue.body as { fields: { attachment: { id: string; filename: string }[] } }).fields.attachment;
    expect(attachments.map((a) => [String(a.id), a.filename])).toContainEqual([generated.attachmentId, generated.fileName]);
    const content = await fetch(`${env.site.url}/rest/api/3/attachment/content/${generated.attachmentId}?redirect=false`, { headers: { authorization: env.site.basic(DEMO.pm) } });
    expect(content.status).toBe(200);
    expect(await content.text()).toBe(generated.markdown);

    // An answer changes: the playbook is out of date and Beta blocks again until it is generated again.
    const [first] = questions;
    unwrap(await env.client.invoke(DEMO.pm, 'panel', 'answerItems', { answers: { [first?.key ?? '']: 'Changed: a feature gate, off by default' } }, { issueKey: KEY }));
    const changed = await gateOf();
    expect(changed.playbookCurrent).toBe(false);
    expect(changed.verdicts.find((v) => v.stage === 'beta')?.missing).toContain('playbook out of date');
    await approveBeta(KEY, 'prr', PRR); // the PRR team reviews the answers: its approval went stale with them
    expect((await betaOf())?.missing).toEqual(['playbook out of date']);

    const again = unwrap(await env.client.invoke(PRR, 'panel', 'generatePlaybook', {}, { issueKey: KEY }));
    expect(again.markdown).toContain('Changed: a feature gate, off by default');
    expect(again.gate.verdicts.find((v) => v.stage === 'beta')?.allowed).toBe(true);
    await env.client.transition(DEMO.pm, KEY, KEP_TRANSITIONS.toBeta.id, 204);
    // Typed answers (ticked boxes) are v2 records: the summary after each write settles at once, none left behind.
    expect(env.site.output()).not.toContain('did not settle');
  });

  it('shows a playbook record edited outside the app as unverified, which blocks the stage that requires it', async () => {
    const property = await env.client.rest(DEMO.pm, 'GET', `/rest/api/3/issue/${KEY}/properties/${PLAYBOOK_PROPERTY}`);
    const record = (property.body as { value: Record<string, unknown> }).value;
    await env.client.rest(DEMO.pm, 'PUT', `/rest/api/3/issue/${KEY}/properties/${PLAYBOOK_PROPERTY}`, { ...record, answersDigest: '0'.repeat(64) });
    const gate = await gateOf();
    expect(gate.unverified.map((u) => u.propertyKey)).toEqual([PLAYBOOK_PROPERTY]);
    // Beta passed when the ticket moved to Beta (issue 13: stages pass once), so it stays passed as it stood then...
    expect(gate.verdictsV2?.find((v) => v.stage === 'beta')?.passed).toBeDefined();
    // ...until the ticket is back before Beta, where the edited playbook blocks it.
    await env.client.restOk('app', 'PUT', `/__site/issues/${KEY}/status`, { status: 'Alpha' }, 204);
    expect((await betaOf())?.missing).toContain('playbook unverified');
  });

  it('shows the answers given in the panel (its items) and is current for them', async () => {
    const answers = Object.fromEntries(questions.map((q, i) => [q.key, `Item answer ${i + 1}: the kubelet drains the node`]));
    unwrap(await env.client.invoke(OWNING_SIG, 'panel', 'answerItems', { answers }, { issueKey: 'KEP-1' }));
    const generated = unwrap(await env.client.invoke(PRR, 'panel', 'generatePlaybook', {}, { issueKey: 'KEP-1' }));
    for (const question of questions) expect(generated.markdown).toContain(answers[question.key]);
    expect(generated.markdown).not.toContain('Records changed outside the app');
    expect(generated.gate.playbookCurrent).toBe(true);
  });
});
