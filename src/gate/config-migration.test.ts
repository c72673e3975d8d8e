import type { GateConfig } from './config';
import { parseGateConfig } from './config';
import { readStoredConfig, stampTeamGenerations, upgradeStoredConfig } from './config-migration';
import { templateConfig } from '../../test/support/v1-templates';

/** A configuration as version 1 of the app stored it (commit 5cba5e6): no new policies, schemaVersion 1. */
const versionOne = (stages: unknown[]) => ({
  schemaVersion: 1,
  version: 4,
  teams: [{ key: 'sre-p', name: '\u200b\u200b', area: 'service-support', groups: ['golive-sre-p'], description: '' }],
  stages,
  numbers: [],
  questions: [],
  policies: { reporterMayApprove: false, onePersonOneTeam: true, overrideGroups: [] },
});

describe('readStoredConfig', () => {
  it('reads a version-1 configuration as what it meant, even one today\'s save rules refuse', () => {
    const stored = versionOne([
      { key: 'promote', name: 'Promote', requiredTeams: ['sre-p'], requiredNumbers: [] },
      { key: 'launch', name: 'Launch', requiredTeams: [], requiredNumbers: [] },
    ]);
    const read = readStoredConfig(stored);
    expect(read.ok && read.value).toMatchObject({ schemaVersion: 1, version: 4, policies: { allowEmptyStages: true, recheckApproversAtTransition: true, reAddedTeamsKeepApprovals: false } });
    // The next save must fix the invisible name and either keep empty stages allowed or give Launch a requirement.
    expect(read.ok && parseGateConfig(read.value).ok).toBe(false);
  });

  it('keeps empty stages refused for a version-1 configuration that had none', () => {
    const read = readStoredConfig(versionOne([{ key: 'promote', name: 'Promote', requiredTeams: ['sre-p'], requiredNumbers: [] }]));
    expect(read.ok && read.value.policies.allowEmptyStages).toBe(false);
  });

  it('passes a configuration stored since the new policies through and reports damage as errors', () => {
    const current = templateConfig('managed-addon') as GateConfig;
    expect(upgradeStoredConfig(current)).toBe(current);
    expect(readStoredConfig(current)).toEqual({ ok: true, value: current });
    expect(readStoredConfig('garbage').ok).toBe(false);
  });
});

describe('stampTeamGenerations', () => {
  const previous = templateConfig('managed-addon') as GateConfig;

  it('starts the approvals of a new or re-added team at the saved version and keeps every other team as it was', () => {
    const withoutCee = stampTeamGenerations(previous, { ...previous, teams: previous.teams.filter((t) => t.key !== 'cee') }, 5);
    expect(withoutCee.teams.every((t) => t.since === undefined)).toBe(true);
    const ceeBack = stampTeamGenerations(withoutCee, { ...withoutCee, teams: [...withoutCee.teams, { ...(previous.teams.find((t) => t.key === 'cee') as GateConfig['teams'][number]), since: 0 }] }, 6);
    expect(ceeBack.teams.find((t) => t.key === 'cee')?.since).toBe(6);
    const later = stampTeamGenerations(ceeBack, { ...ceeBack, teams: ceeBack.teams.map((t) => ({ ...t, since: 1 })) }, 7);
    expect(later.teams.find((t) => t.key === 'cee')?.since).toBe(6);
    expect(later.teams.find((t) => t.key === 'sre-p')?.since).toBeUndefined();
  });

  it('needs no generation for the first configuration of a project', () => {
    expect(stampTeamGenerations(undefined, previous, 1).teams.every((t) => t.since === undefined)).toBe(true);
  });
});
