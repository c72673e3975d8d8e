import fc from 'fast-check';
import { issueKeysOf } from './ticket-keys';

describe('issueKeysOf', () => {
  it.each([
    [{ title: 'SKU-3: enable the add-on for GA', sourceBranch: 'SKU-3-ga' }, ['SKU-3']],
    [{ title: 'Enable the add-on for general availability', sourceBranch: 'feature/SKU-3-ga' }, ['SKU-3']],
    [{ title: '[SKU-12] and SKU-4 together', sourceBranch: 'main' }, ['SKU-12', 'SKU-4']],
    [{ title: 'Fix for OPS_TEAM-7', sourceBranch: 'hotfix' }, ['OPS_TEAM-7']],
    [{ title: 'Lowercase sku-3 is not a key, as in Jira', sourceBranch: 'sku-3-ga' }, []],
    [{ title: 'XSKU-3 beside SKU-03 and SKU-0', sourceBranch: 'x-SKU-31-y' }, ['XSKU-3', 'SKU-31']],
    [{ title: 'No key here', sourceBranch: 'main' }, []],
  ])('reads %j as %j', (change, keys) => {
    expect(issueKeysOf(change)).toEqual(keys);
  });

  it('keeps only keys of the projects given', () => {
    expect(issueKeysOf({ title: 'Bump UTF-8 handling for SKU-3', sourceBranch: 'OPS-12-fix' }, ['SKU'])).toEqual(['SKU-3']);
  });

  it('reads any title and branch without failing, and every key it reads appears in them', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, sourceBranch) => {
        for (const key of issueKeysOf({ title, sourceBranch })) expect(`${title} ${sourceBranch}`).toContain(key);
      }),
    );
  });
});
