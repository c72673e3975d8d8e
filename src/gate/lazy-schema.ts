/**
 * A schema built the first time something touches it, not when its module loads.
 *
 * Why: a cold Forge invocation requires the whole bundle before its handler runs, and building every schema of every
 * resolver, record and webhook at load was about a third of that require's CPU, though one invocation parses a few
 * (docs/deploy-bundle.md has the figures). The proxy forwards every operation to the schema once built, so callers,
 * composition (`z.object({ a: Lazy })`), `z.infer` and `instanceof` see the schema itself.
 *
 * @example
 * export const KeySchema = lazySchema(() => z.string().check(z.minLength(1)));
 * KeySchema.parse('go-live') // builds the schema now, then parses: 'go-live'
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => {
      const schema = target();
      const value: unknown = Reflect.get(schema, key, schema);
      return value;
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may only report an own property as non-configurable if its (empty) target has it too.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}
