// What the deploy bundle is made of: every byte of the generated JavaScript is charged to the source file its source
// map names (the bytes no mapping covers are webpack's: its runtime, module wrappers and the indentation before the
// first mapped token of a line), then summed by part. The figures docs/deploy-bundle.md quotes come from here.
import { readFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The generated columns and source indexes of one line of a v3 source map's `mappings` (VLQ, relative values). */
function segmentsOf(line: string, state: { source: number }): { column: number; source: number | undefined }[] {
  const segments: { column: number; source: number | undefined }[] = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (segment === '') continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64.indexOf(char);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += values[0] ?? 0;
    if (values.length > 1) state.source += values[1] ?? 0;
    segments.push({ column, source: values.length > 1 ? state.source : undefined });
  }
  return segments;
}

/** Which part of the bundle a source file belongs to: a package, or a folder of the app's src/. */
export function partOf(source: string): string {
  const path = source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg !== undefined) return pkg;
  const app = /^src\/(?:([^/]+)\/)?/.exec(path);
  if (app !== null) return `src/${app[1] ?? ''}`;
  return 'webpack';
}

/**
 * Bytes of the bundle by source file (UTF-8, a line's newline charged to webpack), from the bundle and its `.map`.
 * @example bytesBySource('dist/forge/index.cjs').get('webpack://go-live-gate/./src/gate/evaluate.ts') // 15_974
 */
export function bytesBySource(file: string): Map<string, number> {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const mappingLines = map.mappings.split(';');
  const bytes = new Map<string, number>();
  const charge = (source: string, text: string): void => void bytes.set(source, (bytes.get(source) ?? 0) + Buffer.byteLength(text));
  const state = { source: 0 };
  code.split('\n').forEach((line, index) => {
    const segments = segmentsOf(mappingLines[index] ?? '', state);
    charge('webpack', `${line.slice(0, segments[0]?.column ?? line.length)}\n`);
    segments.forEach((segment, s) => {
      const text = line.slice(segment.column, segments[s + 1]?.column ?? line.length);
      charge(segment.source === undefined ? 'webpack' : (map.sources[segment.source] ?? 'webpack'), text);
    });
  });
  return bytes;
}

/**
 * The bundle's bytes by part (zod, src/gate, @forge/api, ...), largest first.
 * @example compositionOf('dist/forge/index.cjs')[0] // { part: 'zod', bytes: 266_150 }
 */
export function compositionOf(file: string): { part: string; bytes: number }[] {
  const parts = new Map<string, number>();
  for (const [source, bytes] of bytesBySource(file)) parts.set(partOf(source), (parts.get(partOf(source)) ?? 0) + bytes);
  return [...parts].map(([part, bytes]) => ({ part, bytes })).sort((a, b) => b.bytes - a.bytes);
}
