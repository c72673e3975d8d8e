// Payloads of GitLab's and GitHub's documentation, kept in test/fixtures/{gitlab,github}/ with the page they follow.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Provider } from '../../src/gate/provider-refs';

const FIXTURES = resolve(__dirname, '..', 'fixtures');

export interface ProviderFixture {
  /** The documentation page whose example this follows. */
  readonly source: string;
  readonly note: string;
  /** Delivery headers (webhook fixtures only). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly payload: unknown;
}

/**
 * One fixture, read fresh (callers may change their copy).
 * @example const { headers, payload } = providerFixture('github', 'webhook-ping');
 */
export function providerFixture(provider: Provider, name: string): ProviderFixture {
  return JSON.parse(readFileSync(join(FIXTURES, provider, `${name}.json`), 'utf8')) as ProviderFixture;
}
