import type { PlatformSite } from './support';
import { startPlatformSite } from './support';

let site: PlatformSite;
beforeAll(async () => {
  site = await startPlatformSite();
});
afterAll(() => site.stop());

const save = (gadgetId: string, body: string, cookie: string | null = 'site-user=acc-pm') =>
  fetch(`${site.url}/__host/dashboard/gadgets/${gadgetId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body });

test('a gadget configuration is a JSON object saved by a signed-in user; anything else changes nothing', async () => {
  expect((await save('probe-gadget', '{"projects":"SKU"}', null)).status).toBe(401);
  expect((await save('no-such-gadget', '{}')).status).toBe(404);
  expect((await save('probe-gadget', 'not json')).status).toBe(400);
  expect((await save('probe-gadget', '["SKU"]')).status).toBe(400);
  expect((await save('probe-gadget', JSON.stringify({ text: 'x'.repeat(40_000) }))).status).toBe(400);
  expect((await save('probe-gadget', '{"projects":"SKU"}')).status).toBe(204);
  // The saved configuration is in the gadget's context, for its resources and its resolvers alike.
  const context = (await (await fetch(`${site.url}/__host/frame-context?module=probe-gadget&gadgetId=probe-gadget`, { headers: { cookie: 'site-user=acc-cee' } })).json()) as { extension: unknown };
  expect(context.extension).toMatchObject({ type: 'jira:dashboardGadget', gadget: { id: 'probe-gadget' }, dashboard: { id: '10000' }, gadgetConfiguration: { projects: 'SKU' } });
});
