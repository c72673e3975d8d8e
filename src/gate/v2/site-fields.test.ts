import { approverFieldKind } from './site-fields';

describe('approverFieldKind', () => {
  it.each([
    [{ type: 'option' }, 'select'],
    [{ type: 'array', items: 'option' }, 'select'],
    [{ type: 'group' }, 'group-picker'],
    [{ type: 'array', items: 'group' }, 'group-picker'],
    [{ type: 'option-with-child' }, undefined],
    [{ type: 'user' }, undefined],
    [{ type: 'array', items: 'user' }, undefined],
    [{ type: 'number' }, undefined],
    [{ type: 'array' }, undefined],
  ])('reads a field of schema %j as a %s approver source', (schema, kind) => {
    expect(approverFieldKind(schema)).toBe(kind);
  });
});
