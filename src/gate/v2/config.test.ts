import type { GateConfigV2Input } from './config';
import { DEFAULT_POLICIES, parseGateConfigV2, strictestStage } from './config';

const team = (key: string, name = key.toUpperCase()) => ({ key, name, area: 'service-support' as const, groups: [`golive-${key}`] });
const base = (): GateConfigV2Input => ({
  schemaVersion: 2,
  teams: [team('sre-p', 'SRE-P'), team('cee', 'CEE')],
  stages: [{ key: 'go-live', name: 'Go live', teams: [{ team: 'sre-p' }, { team: 'cee' }], numbers: ['capacity'] }],
  numbers: [{ key: 'capacity', label: 'Capacity', signedOffBy: 'sre-p', min: 1 }],
  items: [{ key: 'rollback', section: 'Rollback', text: 'How do you roll back?', requiredFor: ['go-live'], reviewedBy: 'sre-p' }],
});

function errorsOf(input: unknown): readonly { path: string; message: string }[] {
  const parsed = parseGateConfigV2(input);
  return parsed.ok ? [] : parsed.errors;
}

describe('parseGateConfigV2', () => {
  it('fills in the defaults: every ticket gated, every team always required, one approval, no carry-over, safe policies', () => {
    const parsed = parseGateConfigV2(base());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.scope).toEqual({ issueTypes: [], labels: [] });
    expect(parsed.value.teams[0]).toEqual({ ...team('sre-p', 'SRE-P'), description: '', applies: { when: 'always' }, minApprovals: 1 });
    expect(parsed.value.stages[0]).toEqual({
      key: 'go-live',
      name: 'Go live',
      description: '',
      teams: [{ team: 'sre-p' }, { team: 'cee' }],
      numbers: ['capacity'],
      carryOver: [],
    });
    expect(parsed.value.items[0]?.kind).toBe('text');
    expect(parsed.value.policies).toEqual({
      reporterMayApprove: false,
      onePersonOneTeam: true,
      overrideGroups: [],
      separationOfDuties: true,
      recheckMembershipAtTransition: true,
      allowEmptyStages: false,
      reAddedTeamsKeepApprovals: false,
    });
    expect(DEFAULT_POLICIES).toEqual(parsed.value.policies);
  });

  it('names the stage, team, number and item of every broken cross reference in words', () => {
    const config = base();
    config.stages = [
      { key: 'promote', name: 'Promote', teams: [{ team: 'sre-p' }], carryOver: ['go-live'] },
      { key: 'go-live', name: 'Go live', teams: [{ team: 'sre-p' }, { team: 'ocm-pm' }, { team: 'sre-p' }], numbers: ['velocity'], carryOver: ['go-live', 'alpha'] },
    ];
    config.numbers = [{ key: 'capacity', label: 'Capacity', signedOffBy: 'prr', min: 5, max: 1 }];
    config.items = [{ key: 'rollback', section: 'Rollback', text: 'How?', requiredFor: ['ga'], reviewedBy: 'sig' }];
    expect(errorsOf(config)).toEqual([
      { path: 'stages.0.carryOver.0', message: 'Stage "Promote" carries over approvals of "go-live", which comes after it; only earlier stages can carry over' },
      { path: 'stages.1.teams.0.team', message: 'Stage "Go live" names SRE-P more than once' },
      { path: 'stages.1.teams.1.team', message: 'Stage "Go live" requires the team "ocm-pm", which does not exist' },
      { path: 'stages.1.teams.2.team', message: 'Stage "Go live" names SRE-P more than once' },
      { path: 'stages.1.numbers.0', message: 'Stage "Go live" requires the number "velocity", which does not exist' },
      { path: 'stages.1.carryOver.0', message: 'Stage "Go live" cannot carry over its own approvals' },
      { path: 'stages.1.carryOver.1', message: 'Stage "Go live" carries over approvals of the stage "alpha", which does not exist' },
      { path: 'numbers.0.signedOffBy', message: 'Number "Capacity" is signed off by the team "prr", which does not exist' },
      { path: 'numbers.0.max', message: 'Number "Capacity": the maximum must not be below the minimum' },
      { path: 'items.0.requiredFor.0', message: 'Item "rollback" is required for the stage "ga", which does not exist' },
      { path: 'items.0.reviewedBy', message: 'Item "rollback" is reviewed by the team "sig", which does not exist' },
    ]);
  });

  it('names a team an item is agreed by that does not exist', () => {
    const config = base();
    config.items = [{ key: 'signal', section: 'Go-live signal', text: 'The go-live signal', requiredFor: ['go-live'], reviewedBy: 'cee', agreedBy: ['sre-p', 'osd-e2e'] }];
    expect(errorsOf(config)).toEqual([{ path: 'items.0.agreedBy.1', message: 'Item "signal" is agreed by the team "osd-e2e", which does not exist' }]);
  });

  it('refuses an item to be agreed by every team when no stage needs it: there would be no team to agree', () => {
    const config = base();
    config.items = [{ key: 'signal', section: 'Go-live signal', text: 'The go-live signal', agreedByEveryTeam: true }];
    expect(errorsOf(config)).toEqual([{ path: 'items.0.agreedByEveryTeam', message: 'Item "signal" is to be agreed by every team of the stages that need it, but no stage needs it' }]);
    config.items = [{ key: 'signal', section: 'Go-live signal', text: 'The go-live signal', requiredFor: ['go-live'], agreedByEveryTeam: true }];
    expect(errorsOf(config)).toEqual([]);
  });

  it('refuses a stage that requires nothing, since it would let every ticket through', () => {
    const config = base();
    config.stages = [...(config.stages ?? []), { key: 'ga', name: 'GA' }];
    expect(errorsOf(config)).toEqual([
      { path: 'stages.1', message: 'Stage "GA" requires nothing: add a team, a number or an item, or remove the stage (a stage that requires nothing would let every ticket through)' },
    ]);
    config.items = [{ key: 'docs', section: 'Docs', text: 'Docs published?', kind: 'checkbox', requiredFor: ['ga'] }];
    expect(errorsOf(config)).toEqual([]);
  });

  it('refuses names of invisible characters, dots or digits only, and says which team', () => {
    const config = base();
    config.teams = [team('sre-p', '\u200b\u200b\u200b'), team('cee', '...'), { ...team('ocm-pm', 'OCM PM'), groups: ['\u3164'] }];
    config.stages = [{ key: 'go-live', name: '42', teams: [{ team: 'sre-p' }] }];
    expect(errorsOf(config)).toEqual([
      { path: 'teams.0.name', message: 'Team "sre-p": name must contain letters, not only spaces, punctuation or invisible characters' },
      { path: 'teams.1.name', message: 'Team "cee": name must contain letters, not only spaces, punctuation or invisible characters' },
      { path: 'teams.2.groups.0', message: 'Team "OCM PM": groups.0 must contain letters, not only spaces, punctuation or invisible characters' },
      { path: 'stages.0.name', message: 'Stage "go-live": name must contain letters, not only spaces, punctuation or invisible characters' },
    ]);
  });

  it('takes approvers from a ticket field: a select or components need a value-to-group map, a group picker may name the group', () => {
    const config = base();
    config.teams = [
      { ...team('owning-sig', 'Owning SIG'), groups: [], approversFrom: { field: 'customfield_10070', kind: 'select', groups: { 'sig-node': ['golive-sig-node'] } } },
      { ...team('prr', 'PRR'), groups: [], approversFrom: { field: 'customfield_10071', kind: 'group-picker' } },
      { ...team('sre-p', 'SRE-P'), groups: [], approversFrom: { field: 'customfield_10072', kind: 'component' } },
      { ...team('cee', 'CEE'), groups: [], approversFrom: { field: 'components', kind: 'select' } },
      { ...team('ocm-pm', 'OCM PM'), groups: [] },
    ];
    config.stages = [{ key: 'go-live', name: 'Go live', teams: ['owning-sig', 'prr', 'sre-p', 'cee', 'ocm-pm'].map((t) => ({ team: t })) }];
    expect(errorsOf(config)).toEqual([
      { path: 'teams.2.approversFrom.kind', message: 'Team "SRE-P": approvers from components need the kind "component", and the kind "component" needs the field "components"' },
      { path: 'teams.2.approversFrom.groups', message: 'Team "SRE-P": say which groups act for each value of the field' },
      { path: 'teams.3.approversFrom.kind', message: 'Team "CEE": approvers from components need the kind "component", and the kind "component" needs the field "components"' },
      { path: 'teams.3.approversFrom.groups', message: 'Team "CEE": say which groups act for each value of the field' },
      {
        path: 'teams.4.groups',
        message: 'Team "OCM PM": name at least one Jira group whose members may act for the team, or take its approvers from a ticket field',
      },
    ]);
  });

  it('lets a stage raise a team\'s minimum of approvers but not lower it', () => {
    const config = base();
    config.teams = [{ ...team('sre-p', 'SRE-P'), minApprovals: 2 }, team('cee', 'CEE')];
    config.stages = [{ key: 'go-live', name: 'Go live', teams: [{ team: 'sre-p', minApprovals: 1 }, { team: 'cee', minApprovals: 3 }] }];
    expect(errorsOf(config)).toEqual([
      {
        path: 'stages.0.teams.0.minApprovals',
        message: 'Stage "Go live" asks SRE-P for 1 of its approvers, fewer than the team\'s minimum of 2; a stage may only raise it',
      },
    ]);
  });

  it('checks each item kind: a choice needs two distinct options, only a choice has options, only a number has number rules', () => {
    const config = base();
    config.items = [
      { key: 'signal', section: 'Go-live', text: 'Go-live signal', kind: 'choice', options: ['Free overall'], requiredFor: ['go-live'] },
      { key: 'tier', section: 'Go-live', text: 'Tier', kind: 'choice', options: ['Gold', 'Gold'] },
      { key: 'runbook', section: 'Ops', text: 'Runbook', kind: 'link', options: ['x'], min: 1 },
      { key: 'nodes', section: 'Ops', text: 'Nodes', kind: 'number', min: 3, max: 1, integer: true },
    ];
    expect(errorsOf(config)).toEqual([
      { path: 'items.0.options', message: 'Item "signal" is a choice: give it at least two options' },
      { path: 'items.1.options', message: 'Item "tier" offers the same option twice' },
      { path: 'items.2.options', message: 'Item "runbook" is a link item: only a choice has options' },
      { path: 'items.2.kind', message: 'Item "runbook" is a link item: only a number item has a minimum, maximum, unit or whole-number rule' },
      { path: 'items.3.max', message: 'Item "nodes": the maximum must not be below the minimum' },
    ]);
  });

  it('lists shape errors of one import with the thing they concern, together with broken cross references', () => {
    const input = { ...base(), teams: [team('sre-p', 'SRE-P'), { ...team('cee', 'CEE'), minApprovals: 0 }], stages: [{ key: 'go-live', name: 'Go live', teams: [{ team: 'ocm' }] }], extra: 1 };
    expect(errorsOf(input)).toEqual(
      expect.arrayContaining([
        { path: 'teams.1.minApprovals', message: 'Team "CEE": minApprovals Too small: expected number to be >=1' },
        { path: '(root)', message: expect.stringContaining('extra') as unknown },
        { path: 'stages.0.teams.0.team', message: 'Stage "Go live" requires the team "ocm", which does not exist' },
      ]),
    );
  });

  it('refuses a v1 configuration and anything that is not a configuration, with errors and never an exception', () => {
    for (const input of [null, 42, 'config', [], { schemaVersion: 1, teams: [], stages: [] }, { schemaVersion: 2, teams: [null], stages: [{ teams: 7 }] }]) {
      expect(errorsOf(input).length).toBeGreaterThan(0);
    }
  });

  it('scopes the gate by issue type names and labels, refusing a label with spaces', () => {
    expect(errorsOf({ ...base(), scope: { issueTypes: ['SKU go-live'], labels: ['go live'] } })).toEqual([{ path: 'scope.labels.0', message: 'a Jira label has no spaces' }]);
  });

  it('enforces the stage with the most requirements when the validator names none', () => {
    const parsed = parseGateConfigV2({ ...base(), stages: [{ key: 'promote', name: 'Promote', teams: [{ team: 'sre-p' }] }, ...(base().stages ?? [])] });
    expect(parsed.ok && strictestStage(parsed.value).key).toBe('go-live');
  });
});
