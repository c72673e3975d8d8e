// Records what an earlier version of the app stored, for the migration test (test/trust/migration.test.ts):
//   npx tsx scripts/record-main-fixture.ts [commit]        (default 5cba5e6, the last commit of schema version 1)
// It exports that commit into a temporary directory, builds it, runs its local site with its app, makes tickets in
// every state the gate knows (approved, declined, revoked, overridden, stale, tampered in four ways, and the bypass of
// issue 10 class 1) through the REST API and the app's resolvers, and writes
//   test/fixtures/main-<commit>/site.sql        the site's whole SQLite database as SQL (Jira data, properties, KVS);
//   test/fixtures/main-<commit>/expected.json   each ticket's verdicts as that version showed them.
import Database from 'better-sqlite3';
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ConfigView, GateView } from '../src/contract';
import { NUMBERS_PROPERTY, teamProperty } from '../src/gate/records';
import { ADMIN, call, createTicket, decide, getGate, PM, PROJECT, propertyPath, rest, savedConfig, unwrap } from '../test/reliability/support';
import type { RunningSite } from '../test/support/site';
import { startSite } from '../test/support/site';

const ROOT = resolve(__dirname, '..');
const commit = process.argv[2] ?? '5cba5e6';
const PROMOTE = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'];

/** The states a ticket can be in, each made the way users (and an attacker with edit rights) make it. */
const SCENARIOS: Readonly<Record<string, (site: RunningSite, key: string, teams: readonly string[]) => Promise<unknown>>> = {
  fresh: () => Promise.resolve(),
  'promote approved': async (site, key) => {
    for (const team of PROMOTE) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
  },
  'everyone approved with numbers': async (site, key, teams) => {
    unwrap(await call<GateView>(site, 'sre-p@example.com', 'recordNumbers', { values: { capacity: 500, velocity: 20 } }, { issueKey: key }));
    for (const team of teams) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
  },
  'numbers changed after sign-off': async (site, key, teams) => {
    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 500, velocity: 20 } }, { issueKey: key }));
    for (const team of teams) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 800 } }, { issueKey: key }));
  },
  'declined by CEE': async (site, key) => unwrap(await decide(site, 'cee', key, 'decline', 'The SBR docs are missing')),
  'revoked by the dev team': async (site, key) => {
    unwrap(await decide(site, 'dev-team', key, 'approve', 'LGTM'));
    unwrap(await decide(site, 'dev-team', key, 'revoke'));
  },
  'go live overridden': async (site, key) => {
    for (const team of PROMOTE) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    unwrap(await call<GateView>(site, ADMIN, 'override', { stage: 'go-live', justification: 'Customer launch agreed with the VP and every PM' }, { issueKey: key }));
  },
  'approval edited outside the app': async (site, key) => {
    for (const team of PROMOTE) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    const approval = (await rest(site, PM, 'GET', propertyPath(key, teamProperty('dev-team')))).body as { value: object };
    await rest(site, PM, 'PUT', propertyPath(key, teamProperty('dev-team')), { ...approval.value, by: 'acc-mallory' });
  },
  'approval forged': async (site, key) => {
    for (const team of PROMOTE.filter((t) => t !== 'sre-p')) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    const genuine = (await rest(site, PM, 'GET', propertyPath(key, teamProperty('dev-team')))).body as { value: object };
    await rest(site, PM, 'PUT', propertyPath(key, teamProperty('sre-p')), { ...genuine.value, team: 'sre-p', by: 'acc-sre-p', via: 'golive-sre-p' });
  },
  'approval deleted outside the app': async (site, key) => {
    for (const team of PROMOTE) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    await rest(site, PM, 'DELETE', propertyPath(key, teamProperty('mt-sre')));
  },
  'numbers deleted after a change (the class-1 bypass)': async (site, key) => {
    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 500, velocity: 20 } }, { issueKey: key }));
    for (const team of PROMOTE) unwrap(await decide(site, team, key, 'approve', 'LGTM'));
    unwrap(await call<GateView>(site, PM, 'recordNumbers', { values: { capacity: 800 } }, { issueKey: key }));
    await rest(site, PM, 'DELETE', propertyPath(key, NUMBERS_PROPERTY));
  },
};

/** The whole database as SQL: schema, rows, indexes and the migration count, so a test can rebuild it exactly. */
function dumpSql(file: string): string {
  const db = new Database(file, { readonly: true });
  const literal = (value: unknown): string => {
    if (value === null) return 'NULL';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
    if (typeof value !== 'string') throw new Error(`A SQLite value of type ${typeof value} has no SQL literal here`);
    return `'${value.replace(/'/g, "''")}'`;
  };
  const objects = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid").all() as { type: string; name: string; sql: string }[];
  const lines = ['BEGIN;'];
  for (const { type, name, sql } of objects) {
    lines.push(`${sql};`);
    if (type !== 'table') continue;
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]) lines.push(`INSERT INTO "${name}" VALUES (${row.map(literal).join(', ')});`);
  }
  lines.push(`PRAGMA user_version = ${String(db.pragma('user_version', { simple: true }))};`, 'COMMIT;');
  db.close();
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const checkout = mkdtempSync(join(tmpdir(), `golive-gate-${commit}-`));
  try {
    execSync(`git archive ${commit} | tar -x -C ${checkout}`, { cwd: ROOT, stdio: 'inherit' });
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: checkout, stdio: 'inherit' });
    const db = join(checkout, 'site.sqlite');
    const site = await startSite({ root: checkout, db });
    const tickets: Record<string, unknown> = {};
    let configuration: unknown;
    try {
      // One more saved version, with a stage that requires nothing: version 1 let such a stage pass every ticket.
      const current = await savedConfig(site);
      const withHypercare = { ...current, stages: [...current.stages, { key: 'hypercare', name: 'Hypercare', requiredTeams: [], requiredNumbers: [] }] };
      const saved = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: withHypercare }, PROJECT));
      const teams = (saved.config?.teams ?? []).map((team) => team.key);
      for (const [title, make] of Object.entries(SCENARIOS)) {
        const { key } = await createTicket(site, title);
        await make(site, key, teams);
        const gate = await getGate(site, key);
        tickets[title] = {
          key,
          verdicts: gate.verdicts.map(({ stage, allowed, overridden, message }) => ({ stage, allowed, overridden, message })),
          unverified: gate.unverified.map(({ propertyKey, problem }) => ({ propertyKey, problem })),
          decisions: Object.fromEntries(Object.entries(gate.records.decisions).map(([team, decision]) => [team, decision.decision])),
        };
      }
      configuration = { version: saved.config?.version, stages: saved.config?.stages.map((stage) => stage.key) };
    } finally {
      await site.stop();
    }
    const out = join(ROOT, 'test', 'fixtures', `main-${commit}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'site.sql'), dumpSql(db));
    writeFileSync(join(out, 'expected.json'), `${JSON.stringify({ commit, recordedAt: new Date().toISOString(), configuration, tickets }, null, 2)}\n`);
    console.log(`Wrote ${out}/site.sql and expected.json`);
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
