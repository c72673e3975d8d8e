import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const Key = lazySchema(() => (builds++, z.string().check(z.minLength(1))));
    expect(builds).toBe(0);
    expect(Key.parse('go-live')).toBe('go-live');
    expect(Key.safeParse('').success).toBe(false);
    expect(builds).toBe(1);
  });

  it('composes inside other schemas and keeps their messages and paths', () => {
    const Team = lazySchema(() => z.strictObject({ key: z.string().check(z.minLength(1, 'name the team')) }));
    const Config = lazySchema(() => z.object({ teams: z.array(Team) }));
    expect(Config.parse({ teams: [{ key: 'sre-p' }] })).toEqual({ teams: [{ key: 'sre-p' }] });
    const failed = Config.safeParse({ teams: [{ key: '' }] });
    expect(failed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([[['teams', 0, 'key'], 'name the team']]);
  });

  it('is the schema for zod: optional, extend and instanceof see through it', () => {
    const Base = lazySchema(() => z.object({ a: z.number() }));
    const Extended = z.extend(Base, { b: z.optional(z.string()) });
    expect(Extended.parse({ a: 1 })).toEqual({ a: 1 });
    expect(z.optional(Base).parse(undefined)).toBeUndefined();
    expect(Base instanceof z.ZodMiniObject).toBe(true);
  });

  it('spreads and lists a lazy shape of schemas like the object it builds', () => {
    const SHAPE = lazySchema(() => ({ a: z.number(), b: z.string() }));
    expect(Object.keys(SHAPE)).toEqual(['a', 'b']);
    expect(z.object({ ...SHAPE }).parse({ a: 1, b: 'x' })).toEqual({ a: 1, b: 'x' });
  });
});
