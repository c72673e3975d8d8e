import type { GateConfigV2, Team } from './config';
import { actsForTeamOn, approverFieldsOf, groupsActingOn, groupsOnSomeTicket, mayActForTeam } from './acting-teams';
import { FIXTURE_TICKET } from '../../../test/support/v2-issue-fixture';
import { OWNING_SIG_FIELD, templateConfigV2 } from './templates';

function template(key: string): GateConfigV2 {
  const config = templateConfigV2(key);
  if (config === undefined) throw new Error(`${key} template missing`);
  return config;
}
const kep = template('kubernetes-prr');
const teamOf = (config: GateConfigV2, key: string): Team => {
  const team = config.teams.find((t) => t.key === key);
  if (team === undefined) throw new Error(`no team ${key}`);
  return team;
};
const owningSig = teamOf(kep, 'owning-sig');

describe('who acts for which team, from the approver fields alone', () => {
  it("counts an approver of the SIG the ticket's Owning SIG names, and not one of another SIG", () => {
    expect(actsForTeamOn(kep, owningSig, { [OWNING_SIG_FIELD]: ['sig-node'] }, ['golive-sig-node'])).toBe(true);
    expect(actsForTeamOn(kep, owningSig, { [OWNING_SIG_FIELD]: ['sig-apps'] }, ['golive-sig-node'])).toBe(false);
    expect(actsForTeamOn(kep, owningSig, {}, ['golive-sig-node'])).toBe(false);
  });

  it("names the groups that act for the Owning SIG on a ticket: the SIG its field names", () => {
    expect(groupsActingOn(kep, owningSig, { ...FIXTURE_TICKET, fields: { [OWNING_SIG_FIELD]: ['sig-node'] } })).toEqual(['golive-sig-node']);
    expect(groupsActingOn(kep, owningSig, FIXTURE_TICKET)).toEqual([]);
  });

  it("counts a team's own groups on every ticket", () => {
    expect(actsForTeamOn(kep, teamOf(kep, 'prr'), {}, ['golive-prr'])).toBe(true);
  });

  it('takes approvers named by a component from the components', () => {
    const byComponent: Team = { ...owningSig, approversFrom: { field: 'components', kind: 'component', groups: { kubelet: ['golive-sig-node'] } } };
    expect(actsForTeamOn(kep, byComponent, { components: ['kubelet'] }, ['golive-sig-node'])).toBe(true);
    expect(actsForTeamOn(kep, byComponent, { components: ['scheduler'] }, ['golive-sig-node'])).toBe(false);
  });

  it('knows whose team it may be: a group it names or maps a field value to', () => {
    expect(mayActForTeam(owningSig, ['golive-sig-node'])).toBe(true);
    expect(mayActForTeam(teamOf(kep, 'prr'), ['golive-sig-node'])).toBe(false);
    expect(mayActForTeam({ ...owningSig, approversFrom: { field: OWNING_SIG_FIELD, kind: 'group-picker' } }, ['golive-sig-node'])).toBe(false);
  });

  it('lists the groups whose members act for a team on some ticket', () => {
    expect(groupsOnSomeTicket(teamOf(kep, 'prr'))).toEqual(['golive-prr']);
    expect(groupsOnSomeTicket(owningSig)).toContain('golive-sig-node');
    expect(groupsOnSomeTicket(owningSig)).toHaveLength(new Set(Object.values(owningSig.approversFrom?.groups ?? {}).flat()).size);
  });

  it('asks for the fields approvers come from, each once', () => {
    expect(approverFieldsOf(kep)).toEqual([OWNING_SIG_FIELD]);
    expect(approverFieldsOf(template('managed-addon'))).toEqual([]);
  });
});
