// Durability of the local site: SIGKILL it in the middle of a burst of decisions, start it again on the same database
// file, and every decision the app acknowledged (a resolver answer was received) is there, verified, with its event.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GateConfig } from '../../src/gate/config';
import { readRecords } from '../../src/gate/integrity';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { auditTrail, createTicket, decide, Figures, inParallel, savedConfig, snapshot } from './support';

const TICKETS = 8;
/** Acknowledged decisions after which the site is killed, with the rest of the burst still in flight. */
const KILL_AFTER = 40;

let directory: string;
let site: RunningSite | undefined;
const figures = new Figures('durability');

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'golive-durability-'));
});
afterAll(async () => {
  figures.print();
  await site?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('a killed local site', () => {
  it('keeps every acknowledged decision across a SIGKILL in the middle of a burst', async () => {
    const db = join(directory, 'site.sqlite');
    const first = await startSite({ db });
    site = first;
    const config: GateConfig = await savedConfig(first);
    const tickets = (await inParallel(Array.from({ length: TICKETS }, (_, i) => i), 4, (i) => createTicket(first, `Durable go-live ${i}`))).map((outcome) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      return outcome.value.key;
    });

    const acknowledged: { issueKey: string; team: string }[] = [];
    const burst = tickets.flatMap((issueKey) => config.teams.map((team) => ({ issueKey, team: team.key })));
    await inParallel(burst, 13, async ({ issueKey, team }) => {
      figures.operations++;
      const result = await decide(first, team, issueKey, 'approve', `LGTM from ${team}`);
      if (!result.ok) throw new Error(`${team} on ${issueKey}: ${result.error.message}`);
      acknowledged.push({ issueKey, team });
      if (acknowledged.length === KILL_AFTER) first.kill();
    });
    await first.exited;
    // The kill landed mid-burst: some decisions were acknowledged, others never got an answer.
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(burst.length);

    const second = await startSite({ db });
    site = second;
    const lost: string[] = [];
    for (const issueKey of tickets) {
      const records = readRecords(config, await snapshot(second, issueKey));
      const events = await auditTrail(second, issueKey);
      for (const { team } of acknowledged.filter((decision) => decision.issueKey === issueKey)) {
        if (records.decisions[team]?.decision !== 'approved') lost.push(`${issueKey}: ${team}'s approval is gone`);
        if (!events.some((event) => event.team === team)) lost.push(`${issueKey}: ${team}'s audit event is gone`);
      }
    }
    figures.extra['acknowledged'] = acknowledged.length;
    figures.lost = lost.length;
    expect(lost).toEqual([]);
  }, 120_000);
});
