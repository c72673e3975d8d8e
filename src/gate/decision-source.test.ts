import { DecisionSourceSchema, isStaleForHead } from './decision-source';

const head = '3f1c2a7e9b4d5c6a8e0f1b2c3d4e5f60718293a4';
const github = { kind: 'github' as const, url: 'https://github.com/acme/addon-operator/pull/7', headSha: head };

describe('DecisionSourceSchema', () => {
  it('reads the three sources a decision can have', () => {
    expect(DecisionSourceSchema.parse({ kind: 'panel' })).toEqual({ kind: 'panel' });
    expect(DecisionSourceSchema.parse({ kind: 'comment', commentId: '10010' })).toEqual({ kind: 'comment', commentId: '10010' });
    expect(DecisionSourceSchema.parse({ ...github, headSha: head.toUpperCase() })).toEqual(github);
  });

  it('refuses a source that is not one of them, naming the field', () => {
    expect(DecisionSourceSchema.safeParse({ kind: 'comment', commentId: '10010; DROP' }).error?.issues[0]?.message).toBe('is not a Jira comment id');
    expect(DecisionSourceSchema.safeParse({ kind: 'gitlab', url: 'javascript:alert(1)', headSha: head }).success).toBe(false);
    expect(DecisionSourceSchema.safeParse({ kind: 'github', url: github.url }).success).toBe(false);
    expect(DecisionSourceSchema.safeParse({ kind: 'bitbucket' }).success).toBe(false);
  });
});

describe('isStaleForHead', () => {
  it('makes a merge-request approval stale when the head commit changes', () => {
    expect(isStaleForHead(github, head)).toBe(false);
    expect(isStaleForHead(github, head.toUpperCase())).toBe(false);
    expect(isStaleForHead(github, '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3')).toBe(true);
  });

  it('never makes a panel or comment decision stale by a commit', () => {
    expect(isStaleForHead(undefined, head)).toBe(false);
    expect(isStaleForHead({ kind: 'panel' }, head)).toBe(false);
    expect(isStaleForHead({ kind: 'comment', commentId: '1' }, head)).toBe(false);
  });
});
