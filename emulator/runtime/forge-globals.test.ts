import type * as ForgeApi from '@forge/api';
import type * as ForgeKvs from '@forge/kvs';
import type { RunningSite } from '../../test/support/site';
import { installForgeGlobals, runInvocation, startSite } from '../../test/support/site';

// The real @forge/api and @forge/kvs in this jest process, pointed at a running local site: what adapter tests do.
let site: RunningSite;
let api: typeof ForgeApi;
let kvs: typeof ForgeKvs.kvs;

beforeAll(async () => {
  site = await startSite();
  installForgeGlobals({ siteUrl: site.url, appSecret: site.appSecret });
  /* eslint-disable @typescript-eslint/no-require-imports -- both read the Forge globals when they load */
  api = require('@forge/api') as typeof ForgeApi;
  kvs = (require('@forge/kvs') as typeof ForgeKvs).kvs;
  /* eslint-enable @typescript-eslint/no-require-imports */
});
afterAll(() => site.stop());

const myself = async (response: Promise<ForgeApi.APIResponse>): Promise<{ accountId: string; accountType: string }> => (await (await response).json()) as { accountId: string; accountType: string };

describe('the Forge globals against a running site', () => {
  it('sends asUser() requests as the invoking user', async () => {
    const me = await runInvocation({ accountId: 'acc-pm' }, () => myself(api.asUser().requestJira(api.route`/rest/api/3/myself`)));
    expect(me.accountId).toBe('acc-pm');
  });

  it('sends asUser(accountId) requests as that user', async () => {
    const me = await myself(api.asUser('acc-cee').requestJira(api.route`/rest/api/3/myself`));
    expect(me.accountId).toBe('acc-cee');
  });

  it('sends asApp() requests as the app, even inside a user invocation', async () => {
    const me = await runInvocation({ accountId: 'acc-pm' }, () => myself(api.asApp().requestJira(api.route`/rest/api/3/myself`)));
    expect(me.accountType).toBe('app');
  });

  it('refuses asUser() outside any user invocation, as Forge does without consent', async () => {
    await expect(api.asUser().requestJira(api.route`/rest/api/3/myself`)).rejects.toBeInstanceOf(api.NeedsAuthenticationError);
  });

  it("answers getAppContext() for the current invocation", async () => {
    const context = await runInvocation({ accountId: 'acc-pm', moduleKey: 'go-live-gate-panel' }, () => Promise.resolve(api.getAppContext()));
    expect(context.moduleKey).toBe('go-live-gate-panel');
    expect(context.invocationId).toEqual(expect.any(String));
    expect(String(context.appAri)).toBe('ari:cloud:ecosystem::app/local');
  });

  it('keeps KVS values in the site, across clients', async () => {
    await kvs.set('forge-globals-test', { n: 1 });
    expect(await kvs.get('forge-globals-test')).toEqual({ n: 1 });
    const raw = await fetch(`${site.url}/__forge/kvs/api/v1/get`, {
      method: 'POST',
      headers: { authorization: `Forge ${site.appSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'forge-globals-test' }),
    });
    expect(await raw.json()).toMatchObject({ key: 'forge-globals-test', value: { n: 1 } });
    expect((await site.metrics())['kvs:set']).toBeGreaterThanOrEqual(1);
  });

  it('guards the KVS endpoint with the app secret', async () => {
    const forged = await fetch(`${site.url}/__forge/kvs/api/v1/get`, { method: 'POST', headers: { authorization: 'Forge wrong', 'content-type': 'application/json' }, body: '{"key":"x"}' });
    expect(forged.status).toBe(401);
    const asUser = await fetch(`${site.url}/__forge/kvs/api/v1/get`, { method: 'POST', headers: { authorization: site.basic('admin@example.com'), 'content-type': 'application/json' }, body: '{"key":"x"}' });
    expect(asUser.status).toBe(401);
  });
});
