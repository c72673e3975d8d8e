import type { FieldCatalog, JiraField } from '../ports';
import { TEMPLATES_V2 } from '../gate/v2/templates';
import { siteFieldsFor } from './template-fields';

const prr = TEMPLATES_V2.find((t) => t.key === 'kubernetes-prr')!;
const select = (id: string, name: string): JiraField => ({ id, name, custom: true, schema: { type: 'option' } });
const catalog = (...fields: JiraField[]): { fields: FieldCatalog } => ({ fields: { list: () => Promise.resolve(fields) } });

describe('siteFieldsFor (the site fields a template reads)', () => {
  it.each([
    { name: "finds the site's select list of the template field's name", ports: catalog(select('customfield_10123', 'Owning SIG')), chosen: {}, expected: { mapping: { customfield_10070: 'customfield_10123' } } },
    { name: 'takes the select list the admin chose', ports: catalog(select('customfield_10123', 'Owning SIG'), select('customfield_10200', 'SIG')), chosen: { customfield_10070: 'customfield_10200' }, expected: { mapping: { customfield_10070: 'customfield_10200' } } },
    {
      name: 'says when the site has no select list of that name, and how to fix it',
      ports: catalog({ id: 'customfield_10071', name: 'Owning SIG', custom: true, schema: { type: 'group' } }),
      chosen: {},
      expected: { problems: [{ path: 'fields.customfield_10070', message: 'This site has no select list named “Owning SIG”: a Jira admin can create one with the options sig-api-machinery, sig-apps, sig-architecture… (or choose another select list for it)' }] },
    },
    {
      name: 'refuses a chosen field that is not a select list',
      ports: catalog(select('customfield_10123', 'Owning SIG'), { id: 'customfield_10074', name: 'Story points', custom: true, schema: { type: 'number' } }),
      chosen: { customfield_10070: 'customfield_10074' },
      expected: { problems: [{ path: 'fields.customfield_10070', message: 'customfield_10074 is not a select list of this site, so it cannot stand for Owning SIG; choose a select list' }] },
    },
    {
      name: 'asks which one when two select lists have the name',
      ports: catalog(select('customfield_10123', 'Owning SIG'), select('customfield_10124', 'owning sig')),
      chosen: {},
      expected: { problems: [{ path: 'fields.customfield_10070', message: 'This site has 2 select lists named “Owning SIG” (customfield_10123, customfield_10124): choose the one the template should read' }] },
    },
  ])('$name', async ({ ports, chosen, expected }) => {
    expect(await siteFieldsFor(ports, prr, chosen)).toEqual(expected);
  });
});
