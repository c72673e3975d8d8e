// Jest hooks for adapter tests that run the REAL @forge packages against a local site.
import { clearFaults } from './site-faults';
import type { RunningSite } from './site';
import { installForgeGlobals, startSite } from './site';

/**
 * Starts a site before the file's tests, installs the Forge globals before `load` imports the modules under test
 * (@forge/kvs picks its client at import time), clears injected faults after each test and stops the site at the end.
 * @example const env = forgeSite(() => import('../../src/forge/delivery-log')); ... new env.modules().KvsDeliveryLog()
 */
export function forgeSite<T>(load: () => Promise<T>): { site(): RunningSite; modules(): T } {
  let site: RunningSite | undefined;
  let modules: T | undefined;
  beforeAll(async () => {
    site = await startSite();
    installForgeGlobals({ siteUrl: site.url, appSecret: site.appSecret });
    modules = await load();
  });
  afterAll(async () => {
    await site?.stop();
  });
  afterEach(async () => {
    if (site) await clearFaults(site);
  });
  const ready = <V>(value: V | undefined, what: string): V => {
    if (value === undefined) throw new Error(`The ${what} is used before beforeAll ran`);
    return value;
  };
  return { site: () => ready(site, 'site'), modules: () => ready(modules, 'module') };
}
