import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigView, GateView, ResolverResult } from '../../src/contract';
import { REMINDERS_OFF } from '../../src/gate/reminder-defaults';
import { OWNING_SIG_FIELD } from '../site/demo';
import { kvsEntries } from '../../test/reliability/support';
import { DEMO_APP_SEED } from './demo-app-seed';
import { startSite } from '../../test/support/site';
import { projectRoot } from './project-root';

// The demo seed runs through the app's resolvers once per database, and a restart (even after SIGKILL) keeps everything.
let dir: string;
beforeAll(() => {
  mkdirSync(join(projectRoot(), '.data'), { recursive: true });
  dir = mkdtempSync(join(projectRoot(), '.data', 'restart-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function data<T>(answer: unknown): T {
  const result = answer as ResolverResult<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('the demo seed and restarts', () => {
  it('seeds the demo once and keeps every write across a SIGKILL and a restart', async () => {
    const db = join(dir, 'site.sqlite');
    const first = await startSite({ db });
    const config = data<ConfigView>(await first.invoke('admin@example.com', 'go-live-gate-settings', 'getConfig', {}, { projectKey: 'SKU' }));
    const sku3 = data<GateView>(await first.invoke('pm@example.com', 'go-live-gate-panel', 'getGate', {}, { issueKey: 'SKU-3' }));
    expect(sku3.verdicts.every((verdict) => verdict.allowed)).toBe(true);
    data(await first.invoke('cee@example.com', 'go-live-gate-panel', 'decide', { team: 'cee', decision: 'approve', comment: 'after seed' }, { issueKey: 'SKU-1' }));
    first.kill();
    await first.exited;

    const second = await startSite({ db });
    try {
      const again = data<ConfigView>(await second.invoke('admin@example.com', 'go-live-gate-settings', 'getConfig', {}, { projectKey: 'SKU' }));
      expect(again.config?.version).toBe(config.config?.version);
      const sku1 = data<GateView>(await second.invoke('pm@example.com', 'go-live-gate-panel', 'getGate', {}, { issueKey: 'SKU-1' }));
      expect(sku1.records.decisions['cee']).toMatchObject({ decision: 'approved', by: 'acc-cee' });
    } finally {
      await second.stop();
    }
  });

  it('leaves no notification saying a fully approved demo ticket waits on a team, and gives the demo tickets releases', async () => {
    const site = await startSite({ db: ':memory:' });
    try {
      for (const email of ['sre-p@example.com', 'mt-sre@example.com', 'cee@example.com']) {
        const page = await (await fetch(`${site.url}/notifications`, { headers: { authorization: site.basic(email) } })).text();
        expect(page).not.toMatch(/SKU-[34] waits on/);
      }
      const versions = (await (await fetch(`${site.url}/rest/api/3/project/SKU/versions`, { headers: { authorization: site.basic('pm@example.com') } })).json()) as { name: string; released: boolean }[];
      expect(versions.map((version) => version.released)).toEqual([true, false, false]);
      const sku3 = (await (await fetch(`${site.url}/rest/api/3/issue/SKU-3?fields=fixVersions`, { headers: { authorization: site.basic('pm@example.com') } })).json()) as { fields: { fixVersions: { name: string }[] } };
      expect(sku3.fields.fixVersions.map((version) => version.name)).toEqual([versions[1]?.name]);
    } finally {
      await site.stop();
    }
  });

  it('starts clean with SITE_DB=:memory:', async () => {
    const site = await startSite({ db: ':memory:' });
    try {
      const sku1 = data<GateView>(await site.invoke('pm@example.com', 'go-live-gate-panel', 'getGate', {}, { issueKey: 'SKU-1' }));
      expect(sku1.records.decisions).toEqual({});
    } finally {
      await site.stop();
    }
  });

  it('seeds SKU with the v2 add-on template: answers and numbers by the PM, decisions per stage and approver, SKU-2 half approved, SKU-3 and SKU-4 ready', async () => {
    const site = await startSite({ db: ':memory:' });
    try {
      const { configV2, migratedFrom } = data<ConfigView>(await site.invoke('admin@example.com', 'go-live-gate-settings', 'getConfig', {}, { projectKey: 'SKU' }));
      expect(configV2).toMatchObject({ schemaVersion: 2, template: 'managed-addon' });
      expect(migratedFrom).toBeUndefined();
      // Stored as model v2 wrote it: every saved version of SKU's configuration (the template applied, then reminders off).
      const project = (await (await fetch(`${site.url}/rest/api/3/project/SKU`, { headers: { authorization: site.basic('admin@example.com') } })).json()) as { id: string };
      const stored = await kvsEntries(site, `config:${project.id}:v`);
      expect(stored.map(({ value }) => (value as { config: { schemaVersion?: number } }).config.schemaVersion)).toEqual([2, 2]);

      const properties = async (issueKey: string): Promise<Record<string, Record<string, unknown>>> =>
        ((await (await fetch(`${site.url}/rest/api/3/issue/${issueKey}?properties=*all`, { headers: { authorization: site.basic('pm@example.com') } })).json()) as { properties: Record<string, Record<string, unknown>> }).properties;
      const stagesOf = (team: string): string[] => (configV2?.stages ?? []).filter((stage) => stage.teams.some((t) => t.team === team)).map((stage) => stage.key);
      for (const issueKey of DEMO_APP_SEED.fullyApproved) {
        const stored = await properties(issueKey);
        // One decision per stage and approver, never a ticket-wide one; Layered SRE, not required here, says why.
        const decisions = Object.keys(stored).filter((key) => key.startsWith('golive-gate.decision.')).sort();
        const expected = (configV2?.teams ?? []).filter((t) => t.key !== 'layered-sre').flatMap((t) => stagesOf(t.key).map((stage) => `golive-gate.decision.${stage}.${t.key}.acc-${t.key}`));
        expect(decisions).toEqual(expected.sort());
        expect(Object.keys(stored).filter((key) => key.startsWith('golive-gate.team.'))).toEqual([]);
        for (const key of decisions) expect(stored[key]).toMatchObject({ kind: 'decision', decision: 'approved' });
        expect(stored['golive-gate.waiver.team.layered-sre']).toMatchObject({ schemaVersion: 2, status: 'waived', by: 'acc-layered-sre' });
        // Every item answered, and the numbers recorded, by the PM: no approver signs off what they wrote.
        const answers = stored['golive-gate.answers'] as { schemaVersion: number; answers: Record<string, unknown>; answeredBy: Record<string, string> };
        expect(answers.schemaVersion).toBe(2);
        expect(Object.keys(answers.answers).sort()).toEqual((configV2?.items ?? []).map((item) => item.key).sort());
        expect(new Set(Object.values(answers.answeredBy))).toEqual(new Set(['acc-pm']));
        expect(stored['golive-gate.numbers']).toMatchObject({ by: 'acc-pm', values: { capacity: expect.any(Number) as unknown, velocity: expect.any(Number) as unknown } });
      }

      const verdicts = async (issueKey: string) => data<GateView>(await site.invoke('pm@example.com', 'go-live-gate-panel', 'getGate', {}, { issueKey })).verdictsV2?.map((v) => [v.stage, v.message]);
      // SKU-2: its checklist answered, half of the twelve teams every ticket needs agreed at each of their stages.
      expect(await verdicts('SKU-2')).toEqual([
        ['promote-to-prod', 'Promote to prod blocked: waiting on Managed Tenants SRE, Dev team'],
        ['go-live', 'Go live blocked: waiting on OCM PM, Addon/Product PM, ServiceDev A, ServiceDev B, Managed Tenants SRE, Dev team; capacity not recorded; velocity not recorded; 1 question unanswered; 3 checklist items not ticked'],
      ]);
      for (const issueKey of DEMO_APP_SEED.fullyApproved) {
        expect(await verdicts(issueKey)).toEqual([
          ['promote-to-prod', 'Promote to prod: ready'],
          ['go-live', 'Go live: ready'],
        ]);
      }
    } finally {
      await site.stop();
    }
  });

  it("seeds KEP with the v2 PRR template: the owning SIG's approvers come from each KEP's Owning SIG field", async () => {
    const site = await startSite({ db: ':memory:' });
    try {
      const { configV2 } = data<ConfigView>(await site.invoke('admin@example.com', 'go-live-gate-settings', 'getConfig', {}, { projectKey: 'KEP' }));
      expect(configV2?.template).toBe('kubernetes-prr');
      expect(configV2?.teams.find((team) => team.key === 'owning-sig')?.approversFrom).toMatchObject({ field: OWNING_SIG_FIELD, kind: 'select', groups: { 'sig-node': ['golive-sig-node'], 'sig-apps': ['golive-sig-apps'] } });
      const approvable = async (email: string): Promise<string[]> => {
        const gate = data<GateView>(await site.invoke(email, 'go-live-gate-panel', 'getGate', {}, { issueKey: 'KEP-1' }));
        return (gate.stagePermissions ?? []).filter((rights) => rights.canApprove).map((rights) => `${rights.stage}:${rights.team}`);
      };
      // KEP-1 is SIG Node's: its approvers act for the owning SIG at every stage; SIG Apps' and v1's fixed group do not.
      expect(await approvable('sig-node@example.com')).toEqual(['alpha:owning-sig', 'beta:owning-sig', 'ga:owning-sig']);
      expect(await approvable('sig-apps@example.com')).toEqual([]);
      expect(await approvable('owning-sig@example.com')).toEqual([]);
    } finally {
      await site.stop();
    }
  });

  it('seeds every reminder off, so the first scheduled runs tell nobody, unless SITE_DEMO_REMINDERS=on', async () => {
    const site = await startSite({ db: ':memory:' });
    try {
      for (const projectKey of ['SKU', 'KEP']) {
        const { config } = data<ConfigView>(await site.invoke('admin@example.com', 'go-live-gate-settings', 'getConfig', {}, { projectKey }));
        expect(config?.stages.map((stage) => stage.reminders)).toEqual(config?.stages.map(() => REMINDERS_OFF));
      }
      const before = await (await fetch(`${site.url}/notifications`, { headers: { authorization: site.basic('pm@example.com') } })).text();
      // Three days on: the scheduled triggers have run many times over the demo's tickets.
      const advanced = await fetch(`${site.url}/__site/clock/advance`, { method: 'POST', headers: { authorization: `Forge ${site.appSecret}`, 'content-type': 'application/json' }, body: JSON.stringify({ ms: 72 * 3_600_000 }) });
      expect(advanced.status).toBe(200);
      for (const email of ['pm@example.com', 'mt-sre@example.com', 'cee@example.com']) {
        const page = await (await fetch(`${site.url}/notifications`, { headers: { authorization: site.basic(email) } })).text();
        expect(page).not.toContain('Reminder:');
        if (email === 'pm@example.com') expect(page).toBe(before);
      }
    } finally {
      await site.stop();
    }
    const withReminders = await startSite({ db: ':memory:', env: { SITE_DEMO_REMINDERS: 'on' } });
    try {
      const { config } = data<ConfigView>(await withReminders.invoke('admin@example.com', 'go-live-gate-settings', 'getConfig', {}, { projectKey: 'SKU' }));
      expect(config?.stages.every((stage) => stage.reminders === undefined)).toBe(true);
    } finally {
      await withReminders.stop();
    }
  });
});
