// A local site opened on the database that the app of commit 5cba5e6 wrote (test/fixtures/main-5cba5e6), one per test file.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';

export const FIXTURE = join(__dirname, '..', 'fixtures', 'main-5cba5e6');

/** Starts the fixture's site before the file's first test and removes it after the last; answers how to reach it. */
export function useFixtureSite(): () => RunningSite {
  let directory: string | undefined;
  let site: RunningSite | undefined;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'golive-fixture-'));
    const file = join(directory, 'site.sqlite');
    const db = new Database(file);
    db.exec(readFileSync(join(FIXTURE, 'site.sql'), 'utf8'));
    db.close();
    site = await startSite({ db: file });
  });
  afterAll(async () => {
    await site?.stop();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    if (site === undefined) throw new Error('The fixture site starts in beforeAll: use it inside a test.');
    return site;
  };
}
