import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigView, GateView, ResolverResult } from '../../src/contract';
import { REMINDERS_OFF } from '../../src/gate/reminder-defaults';
import { OWNING_SIG_FIELD } from '../site/demo';
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
