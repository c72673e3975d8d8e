// Every top-level zod schema of the backend is built on first use (src/gate/lazy-schema.ts), so a cold invocation does not
// build the schemas of every resolver, record and webhook before its handler runs (docs/deploy-bundle.md).
// `npx tsx scripts/lazy-schemas.ts` wraps the ones that are not; `--check` lists them and fails, as the test does.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** The leftmost identifier of `a.b(c).d(...)`. */
function rootOf(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node) || ts.isCallExpression(node)) return rootOf(node.expression);
  return undefined;
}

/**
 * A top-level initializer that builds zod schemas when the module loads: a call rooted at `z` or at a schema or shape
 * (`XShape.check(...)`), or an object literal of schemas (a shape to spread). A value parsed from a schema
 * (`XSchema.parse({})`, the defaults) stays a plain object: values are cloned and stored, which a proxy would not
 * survive (structuredClone refuses proxies).
 */
function buildsSchemaAtLoad(init: ts.Expression, source: ts.SourceFile): boolean {
  if (ts.isCallExpression(init)) {
    if (ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'parse') return false;
    const root = rootOf(init.expression);
    return root === 'z' || (root !== undefined && root !== 'lazySchema' && /(Schema|Shape)$/.test(root));
  }
  return ts.isObjectLiteralExpression(init) && /\bz\./.test(init.getText(source));
}

/**
 * The names of the top-level constants of one file that build a schema at load, and the file's text with each wrapped
 * in `lazySchema(() => ...)` (and the import added).
 *
 * @example
 * eagerSchemas('src/gate/x.ts', "import { z } from 'zod/mini';\nexport const A = z.string();\n").names // ['A']
 */
export function eagerSchemas(file: string, text: string): { names: string[]; fixed: string } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: string[] = [];
  const edits: { at: number; insert: string }[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (init === undefined || !buildsSchemaAtLoad(init, source)) continue;
      names.push(declaration.name.getText(source));
      const literal = ts.isObjectLiteralExpression(init);
      edits.push({ at: init.getStart(source), insert: literal ? 'lazySchema(() => (' : 'lazySchema(() => ' }, { at: init.getEnd(), insert: literal ? '))' : ')' });
    }
  }
  let fixed = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) fixed = fixed.slice(0, edit.at) + edit.insert + fixed.slice(edit.at);
  if (names.length > 0 && !/import \{ lazySchema \}/.test(fixed)) {
    const spec = relative(dirname(file), 'src/gate/lazy-schema').replace(/\\/g, '/');
    const lastImport = source.statements.filter(ts.isImportDeclaration).pop();
    const at = lastImport === undefined ? 0 : lastImport.getEnd();
    fixed = `${fixed.slice(0, at)}\nimport { lazySchema } from '${spec.startsWith('.') ? spec : `./${spec}`}';${fixed.slice(at)}`;
  }
  return { names, fixed };
}

/** The backend's source files that import zod (tests excluded: they are not bundled). */
export function backendSchemaFiles(root = 'src'): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((path) => join(root, path))
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && readFileSync(path, 'utf8').includes("from 'zod/mini'"));
}

if (process.argv[1]?.endsWith('lazy-schemas.ts')) {
  const check = process.argv.includes('--check');
  let eager = 0;
  for (const file of backendSchemaFiles()) {
    const { names, fixed } = eagerSchemas(file, readFileSync(file, 'utf8'));
    if (names.length === 0) continue;
    eager += names.length;
    console.log(`${file}: ${names.join(', ')}`);
    if (!check) writeFileSync(file, fixed);
  }
  console.log(`${eager} schema(s) built at load${check ? '' : ', now wrapped'}`);
  if (check && eager > 0) process.exitCode = 1;
}
