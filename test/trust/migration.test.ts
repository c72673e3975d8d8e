// Migration: a local site database written by the app of commit 5cba5e6 (schema version 1: record digests under
// `digest:<issueId>:<propertyKey>`, the configuration under `config:<projectId>`), recorded by
// scripts/record-main-fixture.ts, opened by this version. Every ticket reads as it did, the one exception being the
// bypass issue 10 closed; records are upgraded on their next write and the configuration on its first read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigView, GateView } from '../../src/contract';
import { teamProperty } from '../../src/gate/records';
import type { RunningSite } from '../support/site';
import { ADMIN, approver, call, decide, getGate, kvsEntries, PROJECT, recordHeads, rest, savedConfig, transition, TRANSITIONS, unwrap } from '../reliability/support';
import { delta } from '../support/site-faults';
import { FIXTURE, useFixtureSite } from './fixture-site';


interface Expected {
  readonly configuration: { readonly version: number; readonly stages: readonly string[] };
  readonly tickets: Readonly<
    Record<
      string,
      {
        readonly key: string;
        readonly verdicts: readonly { stage: string; allowed: boolean; overridden: boolean; message: string }[];
        readonly unverified: readonly { propertyKey: string; problem: string }[];
        readonly decisions: Readonly<Record<string, string>>;
      }
    >
  >;
}
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as Expected;
const ticket = (title: string) => {
  const found = expected.tickets[title];
  if (found === undefined) throw new Error(`The fixture has no ticket "${title}": record it again with scripts/record-main-fixture.ts`);
  return found;
};

/** The one verdict that changes, and why: version 1 let SRE-P's stale approval count again once the numbers were deleted. */
const BYPASS = 'numbers deleted after a change (the class-1 bypass)';

const siteOf = useFixtureSite();
let site: RunningSite;
beforeAll(() => {
  site = siteOf();
});

/**
 * Version 1 put who overrode a stage and why in its message ("Go live overridden by acc-admin: <why>"); since issue 12
 * the message reads like the others ("Go live: overridden", the panel's headline) and who and why are in the reasons
 * ("Go live was overridden by acc-admin: <why>"). Both carry what version 1 showed.
 */
const OVERRIDDEN = /^(.*) overridden by (.*)$/s;
const shown = (gate: GateView) => ({
  verdicts: gate.verdicts.map(({ stage, allowed, overridden, message, reasons, stageName }) => {
    const override = overridden ? reasons.find((reason) => reason.startsWith(`${stageName} was overridden by `)) : undefined;
    return { stage, allowed, overridden, message: override === undefined ? message : `${override.replace(' was overridden by ', ' overridden by ')} (${message})` };
  }),
  unverified: gate.unverified.map(({ propertyKey, problem }) => ({ propertyKey, problem })),
  decisions: Object.fromEntries(Object.entries(gate.records.decisions).map(([team, decision]) => [team, decision.decision])),
});

describe('a site written by schema version 1 (commit 5cba5e6)', () => {
  it('shows every ticket as version 1 did', async () => {
    for (const [title, before] of Object.entries(expected.tickets)) {
      if (title === BYPASS) continue;
      const verdicts = before.verdicts.map((v) => (v.overridden ? { ...v, message: `${v.message} (${OVERRIDDEN.exec(v.message)?.[1] ?? v.message}: overridden)` } : v));
      expect({ title, ...shown(await getGate(site, before.key)) }).toEqual({ title, verdicts, unverified: before.unverified, decisions: before.decisions });
    }
  });

  it('judges every ticket the same under gate model v2, each v1 team decision read as a legacy decision for the stages it counted for', async () => {
    for (const [title, before] of Object.entries(expected.tickets)) {
      const gate = await getGate(site, before.key);
      // Where v2 adds nothing, its verdict is the validator's word for word (freezes, releases and playbooks: none here).
      expect({ title, v2: gate.verdictsV2?.map(({ stage, allowed, overridden, message }) => ({ stage, allowed, overridden, message })) }).toEqual({
        title,
        v2: gate.verdicts.map(({ stage, allowed, overridden, message }) => ({ stage, allowed, overridden, message })),
      });
      expect(Object.keys(gate.recordsV2?.legacy ?? {}).sort()).toEqual(Object.keys(gate.records.decisions).sort());
      for (const verdict of gate.verdictsV2 ?? []) {
        for (const team of verdict.teams) expect(team.approvals.every((a) => a.legacy)).toBe(true);
      }
    }
  });

  it('blocks the ticket version 1 let through after its numbers were deleted, and says why', async () => {
    const before = ticket(BYPASS);
    expect(before.verdicts.find((v) => v.stage === 'promote-to-prod')?.allowed).toBe(true);
    const now = await getGate(site, before.key);
    expect(now.verdicts.find((v) => v.stage === 'promote-to-prod')).toMatchObject({ allowed: false, message: 'Promote to prod blocked: unverified record for SRE-P' });
    expect(shown(now).unverified).toEqual(before.unverified);
    expect((await transition(site, before.key, TRANSITIONS.promoteToProd)).status).toBe(400);
  });

  it('indexes the version-1 configuration under its project key when a transition first reads it, so the validator keeps its floor after', async () => {
    const key = ticket(BYPASS).key;
    await transition(site, key, TRANSITIONS.promoteToProd);
    const before = await site.metrics();
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(400);
    const used = Object.fromEntries(Object.entries(delta(before, await site.metrics())).filter(([kind]) => !kind.includes('/transitions')));
    // The configuration by its key and the record heads (two entity queries), no read by id; the one KVS query is the
    // digests version 1 kept for this ticket's records, read until each record's next write upgrades it.
    expect(used).toEqual({ 'invoke:validator': 1, 'jira:GET /rest/api/3/issue/{issueIdOrKey}': 1, 'kvs:entity/query': 2, 'kvs:query': 1 });
  });

  it('reads the version-1 configuration as it was, keeps its empty stage allowed, and saves the next version over it', async () => {
    const config = await savedConfig(site);
    expect(config).toMatchObject({ schemaVersion: 1, version: expected.configuration.version, policies: { allowEmptyStages: true, recheckApproversAtTransition: true } });
    expect(config.stages.map((stage) => stage.key)).toEqual(expected.configuration.stages);
    // Gate model v2 reads it through its migration, losing nothing: the next save stores schema version 2.
    expect(unwrap(await call<ConfigView>(site, ADMIN, 'getConfig', {}, PROJECT))).toMatchObject({ migratedFrom: 1, warnings: [], configV2: { schemaVersion: 2, version: expected.configuration.version, policies: { allowEmptyStages: true } } });
    const saved = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: { ...config, stages: config.stages.filter((stage) => stage.key !== 'hypercare') } }, PROJECT));
    expect(saved.config?.version).toBe(expected.configuration.version + 1);
    const after = unwrap(await call<ConfigView>(site, ADMIN, 'getConfig', {}, PROJECT));
    expect(after).toMatchObject({ configV2: { schemaVersion: 2, version: expected.configuration.version + 1 } });
    expect(after.migratedFrom).toBeUndefined();
    const history = (await kvsEntries(site, `config:${saved.projectId}:v`)).map((entry) => entry.key).sort();
    expect(history).toEqual([1, 2, 3, 4].map((version) => `config:${saved.projectId}:v${version}`));
  });

  it('upgrades a record on its next write and keeps trusting the others by their version-1 digests', async () => {
    const { key } = ticket('promote approved');
    const view = unwrap(await decide(site, 'cee', key, 'approve', 'Docs are fine'));
    expect(view.unverified).toEqual([]);
    expect(Object.keys(await recordHeads(site, view.issue.id))).toEqual([teamProperty('cee')]);
    expect(view.verdicts.find((v) => v.stage === 'promote-to-prod')?.allowed).toBe(true);
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(204);
  });

  it('takes a /lgtm in a comment on a ticket version 1 wrote, repairing the record deleted under version 1', async () => {
    const { key } = ticket('approval deleted outside the app');
    await rest(site, approver('mt-sre'), 'POST', `/rest/api/3/issue/${key}/comment`, { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] } });
    await site.drainEvents();
    const view = await getGate(site, key);
    expect(view.records.decisions['mt-sre']).toMatchObject({ decision: 'approved', by: 'acc-mt-sre', source: { kind: 'comment' } });
    expect(view.unverified).toEqual([]);
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(204);
  });

  it('repairs a record tampered with under version 1 when its team re-affirms', async () => {
    const { key } = ticket('approval edited outside the app');
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(400);
    expect(unwrap(await decide(site, 'dev-team', key, 'approve', 'Re-affirmed')).unverified).toEqual([]);
    expect((await transition(site, key, TRANSITIONS.promoteToProd)).status).toBe(204);
  });
});
