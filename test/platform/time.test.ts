import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformSite } from './support';
import { startPlatformSite } from './support';

interface Tick {
  moduleKey: string;
  appNow: string;
  dateNow: number;
}
interface ClockAnswer {
  now: string;
  offsetMs: number;
  scheduledTriggers: { moduleKey: string; interval: string; nextRunAt: string; lastRunAt: string | null; lastOutcome: string | null }[];
  runs?: { moduleKey: string; ranAt: string; outcome: string }[];
}

const HOUR = 3_600_000;

describe('the site clock and scheduled triggers', () => {
  let site: PlatformSite;
  beforeAll(async () => {
    site = await startPlatformSite();
  });
  afterAll(() => site.stop());

  it('lists each scheduled trigger of the manifest with its first run about five minutes after the site first saw it', async () => {
    const { status, body } = await site.asApp('GET', '/__site/clock');
    expect(status).toBe(200);
    const clock = body as ClockAnswer;
    expect(clock.offsetMs).toBe(0);
    expect(clock.scheduledTriggers.map((trigger) => [trigger.moduleKey, trigger.interval, trigger.lastRunAt])).toEqual([
      ['daily-tick', 'day', null],
      ['hourly-tick', 'hour', null],
    ]);
    const firstRun = Date.parse(clock.scheduledTriggers[0]?.nextRunAt ?? '') - Date.parse(clock.now);
    expect(firstRun).toBeGreaterThan(4 * 60_000);
    expect(firstRun).toBeLessThanOrEqual(5 * 60_000);
  });

  it('moving the clock 26 hours runs the hourly trigger 26 times and the daily one twice (5 minutes in, then a day later), each seeing its own time', async () => {
    const before = (await site.asApp('GET', '/__site/clock')).body as ClockAnswer;
    const { status, body } = await site.asApp('POST', '/__site/clock/advance', { ms: 26 * HOUR });
    expect(status).toBe(200);
    const answer = body as ClockAnswer;
    expect(Date.parse(answer.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(26 * HOUR);
    expect(answer.runs?.filter((run) => run.moduleKey === 'hourly-tick')).toHaveLength(26);
    expect(answer.runs?.filter((run) => run.moduleKey === 'daily-tick')).toHaveLength(2);
    expect(answer.runs?.every((run) => run.outcome === 'succeeded')).toBe(true);

    const ticks = (await site.kvsGet<Tick[]>('ticks')) ?? [];
    expect(ticks).toHaveLength(28);
    const hourly = ticks.filter((tick) => tick.moduleKey === 'hourly-tick').map((tick) => tick.dateNow);
    // Each run saw the clock at its own slot, an hour after the one before.
    hourly.slice(1).forEach((time, index) => expect(Math.round((time - (hourly[index] ?? 0)) / 60_000)).toBe(60));
    expect(Date.parse(ticks[0]?.appNow ?? '')).toBeGreaterThan(Date.parse(before.now));
  });

  it('gives the site’s own timestamps and KVS expiry the same clock', async () => {
    const created = await fetch(`${site.url}/rest/api/3/issue`, {
      method: 'POST',
      headers: { authorization: site.basic('pm@example.com'), 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'SKU' }, summary: 'Made in the future', issuetype: { name: 'Task' } } }),
    });
    const { key } = (await created.json()) as { key: string };
    const issue = (await (await fetch(`${site.url}/rest/api/3/issue/${key}?fields=created`, { headers: { authorization: site.basic('pm@example.com') } })).json()) as { fields: { created: string } };
    const clock = (await site.asApp('GET', '/__site/clock')).body as ClockAnswer;
    expect(Math.abs(Date.parse(issue.fields.created.replace('+0000', 'Z')) - Date.parse(clock.now))).toBeLessThan(60_000);

    // Every run stored a key living an hour: only the ones from the last hour of site time are still there.
    expect(await site.kvsKeys('tick-ttl:')).toHaveLength(1);
  });

  it('runs a scheduled trigger on demand without moving its schedule', async () => {
    const before = (await site.asApp('GET', '/__site/clock')).body as ClockAnswer;
    const { status, body } = await site.asApp('POST', '/__site/scheduled-triggers/daily-tick/run');
    expect(status).toBe(200);
    expect(body).toMatchObject({ moduleKey: 'daily-tick', outcome: 'succeeded' });
    const after = (await site.asApp('GET', '/__site/clock')).body as ClockAnswer;
    const next = (state: ClockAnswer) => state.scheduledTriggers.find((trigger) => trigger.moduleKey === 'daily-tick')?.nextRunAt;
    expect(next(after)).toBe(next(before));
  });

  it('answers 400 for a clock move that is not forward or not understood, 404 for an unknown trigger, and 401/403 to outsiders', async () => {
    expect((await site.asApp('POST', '/__site/clock/advance', { ms: -5 })).status).toBe(400);
    expect((await site.asApp('POST', '/__site/clock/advance', { to: '2001-01-01T00:00:00Z' })).status).toBe(400);
    expect((await site.asApp('POST', '/__site/clock/advance', { days: 1 })).status).toBe(400);
    expect((await site.asApp('POST', '/__site/clock/advance', { ms: 400 * 86_400_000 })).status).toBe(400);
    const unknown = await site.asApp('POST', '/__site/scheduled-triggers/no-such-trigger/run');
    expect(unknown).toMatchObject({ status: 404, body: { errorMessages: [expect.stringContaining('no-such-trigger')] } });
    expect((await fetch(`${site.url}/__site/clock`)).status).toBe(401);
    expect((await fetch(`${site.url}/__site/clock/advance`, { method: 'POST', headers: { authorization: site.basic('pm@example.com') }, body: '{"ms":1}' })).status).toBe(403);
  });
});

test('a restart keeps the site time and the schedules', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'site-clock-'));
  try {
    const db = join(dir, 'site.sqlite');
    const first = await startPlatformSite({ db });
    const moved = (await first.asApp('POST', '/__site/clock/advance', { ms: 3 * 86_400_000 })).body as ClockAnswer;
    await first.stop();
    const second = await startPlatformSite({ db });
    try {
      const clock = (await second.asApp('GET', '/__site/clock')).body as ClockAnswer;
      expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(Date.parse(moved.now));
      expect(clock.scheduledTriggers).toEqual(moved.scheduledTriggers);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
