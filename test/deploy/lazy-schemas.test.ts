import { readFileSync } from 'node:fs';
import { backendSchemaFiles, eagerSchemas } from '../../scripts/lazy-schemas';

// A cold Forge invocation requires the whole bundle before its handler runs; a schema built when its module loads costs
// every invocation, though each parses a few (docs/deploy-bundle.md). `npx tsx scripts/lazy-schemas.ts` wraps new ones.
describe('schemas built on first use', () => {
  it('builds no backend schema when its module loads', () => {
    const files = backendSchemaFiles();
    expect(files.length).toBeGreaterThan(30);
    const eager = files.flatMap((file) => eagerSchemas(file, readFileSync(file, 'utf8')).names.map((name) => `${file}: ${name}`));
    expect(eager).toEqual([]);
  });

  it('finds a schema, a refined shape and a shape of schemas built at load, and wraps each', () => {
    const text = [
      "import { z } from 'zod/mini';",
      'const Shape = z.object({ a: z.string() });',
      'export const ASchema = Shape.check(z.refine(() => true));',
      'const SHARED = { b: z.number() };',
      'export const DEFAULTS = ASchema.parse({ a: "x" });',
      'export const Lazy = lazySchema(() => z.string());',
      '',
    ].join('\n');
    const { names, fixed } = eagerSchemas('src/gate/example.ts', text);
    expect(names).toEqual(['Shape', 'ASchema', 'SHARED']);
    expect(fixed).toContain("import { lazySchema } from './lazy-schema';");
    expect(fixed).toContain('const Shape = lazySchema(() => z.object({ a: z.string() }));');
    expect(fixed).toContain('export const ASchema = lazySchema(() => Shape.check(z.refine(() => true)));');
    expect(fixed).toContain('const SHARED = lazySchema(() => ({ b: z.number() }));');
    expect(fixed).toContain('export const DEFAULTS = ASchema.parse({ a: "x" });');
    expect(eagerSchemas('src/gate/example.ts', fixed).names).toEqual([]);
  });
});
