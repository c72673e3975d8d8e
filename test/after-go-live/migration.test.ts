// Migration for issue 18: a local site written by commit 5cba5e6 (schema version 1, before service assurance, usage
// and the basis of numbers) read by this version. Its configuration has no stage assurance (the template's defaults
// apply), its numbers have no basis and still verify, approvals of them still count, and the new records write on top.
import type { GateView } from '../../src/contract';
import type { RunningSite } from '../support/site';
import { call, getGate, unwrap } from '../reliability/support';
import { useFixtureSite } from '../trust/fixture-site';

const SRE_P = 'sre-p@example.com';

const siteOf = useFixtureSite();
let site: RunningSite;
beforeAll(() => {
  site = siteOf();
});

const stateOf = (gate: GateView, stage: string, team: string): string | undefined => gate.verdicts.find((v) => v.stage === stage)?.teams.find((t) => t.team === team)?.state;

describe('a site written before issue 18 (commit 5cba5e6)', () => {
  it('shows service assurance from the template’s defaults for a configuration saved without it', async () => {
    expect((await getGate(site, 'SKU-3')).assurance).toMatchObject({ level: 'reduced', stage: 'promote-to-prod' });
    expect((await getGate(site, 'SKU-4')).assurance).toMatchObject({ level: 'full', stage: 'go-live' });
    expect((await getGate(site, 'SKU-7')).assurance).toEqual({ level: 'none', status: 'In Review' });
  });

  it('reads numbers written without a basis as verified and approved, and a basis recorded now makes SRE-P approve again', async () => {
    const before = await getGate(site, 'SKU-7');
    expect(before.unverified).toEqual([]);
    expect(before.records.numbers?.basis).toBeUndefined();
    expect(stateOf(before, 'go-live', 'sre-p')).toBe('approved');
    expect(before.verdicts.find((v) => v.stage === 'go-live')?.allowed).toBe(true);

    const basis = { capacity: { costOfService: 'Two shared clusters at about 400 USD a month each', humanToil: 'One on-call rotation', figures: [{ label: 'cost per customer', value: 8, unit: 'USD / month' }] } };
    const after = unwrap(await call<GateView>(site, SRE_P, 'recordNumbers', { values: {}, basis }, { issueKey: 'SKU-7' }));
    expect(after.records.numbers?.values).toEqual(before.records.numbers?.values);
    expect(after.records.numbers?.basis).toEqual(basis);
    expect(after.unverified).toEqual([]);
    expect(stateOf(after, 'go-live', 'sre-p')).toBe('stale');

    const reapproved = unwrap(await call<GateView>(site, SRE_P, 'decide', { team: 'sre-p', decision: 'approve' }, { issueKey: 'SKU-7' }));
    expect(stateOf(reapproved, 'go-live', 'sre-p')).toBe('approved');
  });

  it('records usage on a ticket written by the previous version', async () => {
    const gate = unwrap(await call<GateView>(site, SRE_P, 'recordUsage', { values: { capacity: 10 } }, { issueKey: 'SKU-7' }));
    expect(gate.records.usage?.values).toEqual({ capacity: 10 });
    expect(gate.unverified).toEqual([]);
  });
});
