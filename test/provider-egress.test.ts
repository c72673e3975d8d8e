// Forge lets a function fetch only from hosts the manifest declares (permissions.external.fetch.backend).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { PUBLIC_API_URLS } from '../src/gate/provider-refs';

interface Manifest {
  permissions: { external?: { fetch?: { backend?: ({ address: string } | string)[] } } };
}

describe('egress to GitLab and GitHub', () => {
  it('declares the host of each public provider API in manifest.yml', () => {
    const manifest = parse(readFileSync(resolve(__dirname, '..', 'manifest.yml'), 'utf8')) as Manifest;
    const declared = (manifest.permissions.external?.fetch?.backend ?? []).map((entry) => new URL(typeof entry === 'string' ? `https://${entry}` : entry.address).host);
    expect(declared).toEqual(expect.arrayContaining(Object.values(PUBLIC_API_URLS).map((url) => new URL(url).host)));
  });
});
