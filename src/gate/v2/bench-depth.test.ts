import { benchDepthV2 } from './bench-depth';
import type { GateConfigV2 } from './config';
import { KUBERNETES_SIGS, OWNING_SIG_FIELD, templateConfigV2 } from './templates';

function template(key: string): GateConfigV2 {
  const config = templateConfigV2(key);
  if (config === undefined) throw new Error(`${key} template missing`);
  return config;
}
const kep = template('kubernetes-prr');
/** KEP PRR with only two SIGs on the Owning SIG field. */
const twoSigs: GateConfigV2 = {
  ...kep,
  teams: kep.teams.map((t) => (t.key === 'owning-sig' ? { ...t, approversFrom: { field: OWNING_SIG_FIELD, kind: 'select' as const, groups: { 'sig-node': ['golive-sig-node'], 'sig-apps': ['golive-sig-apps'] } } } : t)),
};
const owning = (config: GateConfigV2, members: Record<string, string[]>) => benchDepthV2(config, members).find((b) => b.team === 'owning-sig');

describe('bench depth by gate model v2', () => {
  it("counts everyone who can approve for the Owning SIG on some ticket, and names the SIG too few people can approve for", () => {
    expect(owning(twoSigs, { 'golive-sig-node': ['acc-node-2', 'acc-node-1'], 'golive-sig-apps': ['acc-apps'] })).toEqual({
      team: 'owning-sig',
      approvers: ['acc-apps', 'acc-node-1', 'acc-node-2'],
      warning: 'Only 1 person can approve for Owning SIG where Owning SIG is sig-apps: add someone to golive-sig-apps.',
    });
    expect(owning(twoSigs, { 'golive-sig-node': ['acc-node-1', 'acc-node-2'], 'golive-sig-apps': ['acc-apps', 'acc-apps-2'] })?.warning).toBeUndefined();
  });

  it('names the first few SIGs with a thin bench and counts the rest', () => {
    const members = Object.fromEntries(KUBERNETES_SIGS.map((sig) => [`golive-${sig}`, sig === 'sig-node' ? ['acc-a', 'acc-b'] : []]));
    const thin = KUBERNETES_SIGS.filter((sig) => sig !== 'sig-node');
    expect(owning(kep, members)?.warning).toBe(`Fewer than two people can approve for Owning SIG where Owning SIG is ${thin.slice(0, 3).join(', ')} and ${thin.length - 3} more: add people to the groups those values name.`);
  });

  it('warns about a team with static groups as before', () => {
    expect(benchDepthV2(kep, { 'golive-prr': ['acc-prr'] }).find((b) => b.team === 'prr')).toEqual({ team: 'prr', approvers: ['acc-prr'], warning: 'Only 1 person can approve for PRR team: add someone to golive-prr.' });
  });
});
