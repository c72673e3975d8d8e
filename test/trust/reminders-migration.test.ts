// Reminders on a site written by schema version 1 (commit 5cba5e6, test/fixtures/main-5cba5e6): its configuration has
// no `reminders`, so its stages keep the defaults (a reminder after 48 hours); only the local demo's seed turns
// reminders off. The hourly trigger, run on the site clock, reminds a team that the fixture's fresh ticket waits on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSite } from '../support/site';
import { savedConfig } from '../reliability/support';
import { FIXTURE, useFixtureSite } from './fixture-site';

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { tickets: Record<string, { key: string }> };

const siteOf = useFixtureSite();
let site: RunningSite;
beforeAll(() => {
  site = siteOf();
});

async function asApp(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${site.url}${path}`, {
    method,
    headers: { authorization: `Forge ${site.appSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('reminders on a site written by schema version 1', () => {
  it('keeps the default reminders of a configuration saved without them', async () => {
    const config = await savedConfig(site);
    expect(config.stages.every((stage) => stage.reminders === undefined)).toBe(true);
    const fresh = expected.tickets['fresh']?.key;
    if (fresh === undefined) throw new Error('The fixture has no fresh ticket');

    await asApp('POST', '/__site/clock/advance', { ms: 50 * 3_600_000 });
    const page = await (await fetch(`${site.url}/notifications`, { headers: { cookie: 'site-user=acc-mt-sre' } })).text();
    expect(page).toContain('Reminder:');
    expect(page).toContain(`${fresh} (`);
  });
});
