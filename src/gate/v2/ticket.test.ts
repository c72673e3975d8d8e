import { customFieldIdsOf } from './ticket';
import { templateConfigV2 } from './templates';
import type { GateConfigV2 } from './config';

describe('customFieldIdsOf', () => {
  const addon = templateConfigV2('managed-addon')!;
  const prr = templateConfigV2('kubernetes-prr')!;

  it.each<{ name: string; config: GateConfigV2; expected: string[] }>([
    { name: 'the add-on template, whose condition is on a label, reads none', config: addon, expected: [] },
    { name: 'the PRR template reads the Owning SIG select', config: prr, expected: ['customfield_10070'] },
    {
      name: 'conditions and approver sources, each field once, in order; components and labels are not custom fields',
      config: {
        ...addon,
        teams: addon.teams.map((team, i) =>
          i === 0 ? { ...team, applies: { when: 'condition', condition: { anyOf: [{ field: 'customfield_10073', is: 'networking' }, { field: 'labels', is: 'x' }, { field: 'customfield_10071', isSet: true }] } } }
          : i === 1 ? { ...team, approversFrom: { field: 'customfield_10071', kind: 'group-picker' } }
          : i === 2 ? { ...team, approversFrom: { field: 'components', kind: 'component', groups: { ams: ['golive-cee'] } } }
          : team,
        ),
      },
      expected: ['customfield_10071', 'customfield_10073'],
    },
  ])('$name', ({ config, expected }) => {
    expect(customFieldIdsOf(config)).toEqual(expected);
  });
});
