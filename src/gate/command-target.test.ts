import { pickStage, pickTeam } from './command-target';

const teams = [
  { key: 'sre-p', name: 'SRE-P' },
  { key: 'cee', name: 'CEE' },
  { key: 'mt-sre', name: 'Managed Tenants SRE' },
  { key: 'dev-team', name: 'Dev team' },
];
const stages = [
  { key: 'promote-to-prod', name: 'Promote to prod' },
  { key: 'go-live', name: 'Go live' },
];
const promote = { key: 'promote-to-prod', name: 'Promote to prod' };
const promoteTeams = ['mt-sre', 'sre-p', 'dev-team'];

describe('pickStage', () => {
  it('takes the stage the command names, else the stage the ticket waits at', () => {
    expect(pickStage({ named: 'go-live', current: 'promote-to-prod', stages })).toEqual({ ok: true, value: 'go-live' });
    expect(pickStage({ current: 'promote-to-prod', stages })).toEqual({ ok: true, value: 'promote-to-prod' });
  });

  it('asks for a stage when the ticket has passed them all', () => {
    expect(pickStage({ stages })).toEqual({ ok: false, reason: 'This ticket has passed every stage; name the stage, e.g. /approve <team> go-live' });
  });
});

describe('pickTeam', () => {
  const base = { stage: promote, stageTeams: promoteTeams, teams };

  it('infers the team when the author acts for exactly one team of the stage', () => {
    expect(pickTeam({ ...base, kind: 'approve', actsFor: ['sre-p'] })).toEqual({ ok: true, value: 'sre-p' });
    // Acting for CEE too does not matter: Promote to prod does not need CEE.
    expect(pickTeam({ ...base, kind: 'decline', actsFor: ['cee', 'dev-team'] })).toEqual({ ok: true, value: 'dev-team' });
  });

  it('asks for the team when the author acts for several teams of the stage, with an example', () => {
    expect(pickTeam({ ...base, kind: 'approve', actsFor: ['sre-p', 'mt-sre'] })).toEqual({
      ok: false,
      reason: 'You act for Managed Tenants SRE and SRE-P on Promote to prod; name the team, e.g. /approve mt-sre',
    });
    expect(pickTeam({ ...base, kind: 'decline', actsFor: ['sre-p', 'mt-sre', 'dev-team'] })).toEqual({
      ok: false,
      reason: 'You act for Managed Tenants SRE, SRE-P and Dev team on Promote to prod; name the team, e.g. /decline mt-sre',
    });
  });

  it('says the author acts for no team the stage needs, naming what they do act for', () => {
    expect(pickTeam({ ...base, kind: 'approve', actsFor: ['cee'] })).toEqual({ ok: false, reason: 'You act for CEE, which Promote to prod does not need' });
    expect(pickTeam({ ...base, kind: 'approve', actsFor: [] })).toEqual({ ok: false, reason: 'You do not act for any team Promote to prod needs (Managed Tenants SRE, SRE-P and Dev team)' });
  });

  it('revokes the one decision the author has on the stage, and says when there is none', () => {
    expect(pickTeam({ ...base, kind: 'revoke', actsFor: ['sre-p'] })).toEqual({ ok: true, value: 'sre-p' });
    expect(pickTeam({ ...base, kind: 'revoke', actsFor: [] })).toEqual({ ok: false, reason: 'You have no approval or decline on Promote to prod to revoke' });
  });

  it('takes a named team the stage needs, leaving membership to the permission check', () => {
    expect(pickTeam({ ...base, kind: 'approve', named: 'dev-team', actsFor: [] })).toEqual({ ok: true, value: 'dev-team' });
  });

  it('refuses a named team the stage does not need and names those it does', () => {
    expect(pickTeam({ ...base, kind: 'approve', named: 'cee', actsFor: ['cee'] })).toEqual({
      ok: false,
      reason: 'Promote to prod does not need CEE; it needs Managed Tenants SRE, SRE-P and Dev team',
    });
  });

  it('takes the named team of a waiver whatever the stage, as a waiver is for the ticket', () => {
    expect(pickTeam({ ...base, kind: 'waive', named: 'cee', actsFor: [] })).toEqual({ ok: true, value: 'cee' });
  });
});
