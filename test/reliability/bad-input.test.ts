// Bad input: fast-check generates payloads for every resolver and configuration files for import (wrong types, huge
// strings, unknown keys, HTML and script in every text). No payload causes an unhandled exception (no 5xx, no error
// code 'internal'); every refusal says what is wrong; a refused call leaves everything stored as it was; text is
// stored and shown verbatim. The bulk runs against the use cases in process (the resolvers' own parse-and-answer
// wrapper over in-memory ports); several hundred more go through the real local site.
import fc from 'fast-check';
import type { z } from 'zod/mini';
import { answerQuestions } from '../../src/app/answer-questions';
import { getBenchDepth } from '../../src/app/bench-depth';
import { decide } from '../../src/app/decide';
import { getAudit } from '../../src/app/get-audit';
import type { MemoryWorld } from '../support/in-memory-ports';
import { demoWorld, ISSUE_KEY, PROJECT as MEMORY_PROJECT } from '../support/in-memory-ports';
import { loadGate } from '../../src/app/load-gate';
import { override } from '../../src/app/override';
import type { PanelPorts } from '../../src/ports';
import { applyTemplate, exportConfig, getConfig, importConfig, saveConfig } from '../../src/app/project-config';
import { recordNumbers } from '../../src/app/record-numbers';
import type { GateView, ResolverResult } from '../../src/contract';
import {
  AnswerQuestionsPayloadSchema,
  ApplyTemplatePayloadSchema,
  DecidePayloadSchema,
  GetAuditPayloadSchema,
  ImportConfigPayloadSchema,
  JustifiedGrantPayloadSchema,
  RecordNumbersPayloadSchema,
  SaveConfigPayloadSchema,
} from '../../src/contract';
import { answer } from '../../src/entry/resolver-result';
import { EmptyPayloadSchema } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import { templateConfig } from '../support/v1-templates';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { ADMIN, approver, call, createTicket, decide as decideOnSite, Figures, gateProperties, getGate, invokeRaw, PANEL, PM, PROJECT, savedConfig, SETTINGS, storedState, unwrap } from './support';

const MANAGED_ADDON = templateConfig('managed-addon') as GateConfig;
const TEAMS = MANAGED_ADDON.teams.map((team) => team.key);
/** Generated payloads per resolver: in process, and through the site. */
const IN_PROCESS_RUNS = 300;
const SITE_RUNS = 30;
const SEED = 20_260_301;
const REVIEWS = 'go-live-gate-reviews';

const figures = new Figures('bad-input');

// ---- generators -------------------------------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(document.cookie)>',
    '</div><iframe src="javascript:alert(1)"></iframe>',
    "'; DROP TABLE issues; --",
    '__proto__',
    'constructor',
    '{{7*7}} ${process.exit(1)}',
    '\u202e\u0000\uffff',
    '👍 ünïcödé <b>bold</b> &amp; &lt;',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
/** Longer than any text limit of the contract (team keys 40, comments 2,000, answers 4,000). */
const hugeText = fc.integer({ min: 5_000, max: 40_000 }).map((length) => '<script>'.repeat(Math.ceil(length / 8)).slice(0, length));
const notAnObject = fc.oneof(fc.integer(), fc.double(), fc.boolean(), hostileText, fc.array(fc.jsonValue(), { maxLength: 3 }));

/** A value of another JSON type than `original`, or a string beyond every limit when `original` is a string. */
function wrongFor(original: unknown): fc.Arbitrary<unknown> {
  const kind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
  const other = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), hostileText, fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(hostileText, fc.jsonValue(), { maxKeys: 3 }));
  const different = other.filter((value) => kind(value) !== kind(original));
  return typeof original === 'string' ? fc.oneof(different, hugeText) : different;
}

type Json = Record<string, unknown>;

/** Every path to a value inside `value` (objects and arrays), root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}
const objectPaths = (value: unknown): (string | number)[][] => [[], ...pathsOf(value)].filter((path) => {
  const target = path.reduce<unknown>((node, key) => (node as Json)[key as string], value);
  return target !== null && typeof target === 'object' && !Array.isArray(target);
});
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Json;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key as string] as Json;
  node[path[path.length - 1] as string] = value;
  return copy;
}

/** Payloads that are wrong by construction: not an object, an unknown key somewhere, or a value of the wrong type or size. */
function invalidFrom(valid: fc.Arbitrary<Json>): fc.Arbitrary<unknown> {
  const unknownKey = fc
    .tuple(valid, fc.nat(), hostileText, fc.jsonValue())
    .map(([base, i, key, value]) => {
      const paths = objectPaths(base);
      const path = paths[i % paths.length] ?? [];
      const target = path.reduce<unknown>((node, k) => (node as Json)[k as string], base) as Json;
      const name = Object.hasOwn(target, key) || key === '__proto__' ? `unknown ${key}` : key;
      return setAt(base, [...path, name], value);
    });
  const wrongValue = valid.chain((base) => {
    const paths = pathsOf(base);
    if (paths.length === 0) return unknownKey;
    return fc.constantFrom(...paths).chain((path) => wrongFor(path.reduce<unknown>((node, k) => (node as Json)[k as string], base)).map((value) => setAt(base, path, value)));
  });
  return fc.oneof(notAnObject, unknownKey, wrongValue);
}

/** A configuration file: the saved configuration broken one way or another, or text that is not JSON. */
function brokenConfigFile(config: GateConfig): fc.Arbitrary<string> {
  const unknownTeam = fc.tuple(hostileText, fc.nat()).map(([team, i]) => {
    const stages = config.stages.map((stage, s) => (s === i % config.stages.length ? { ...stage, requiredTeams: [...stage.requiredTeams, `no-such-${team}`] } : stage));
    return { ...config, stages };
  });
  const duplicateTeam = fc.nat().map((i) => ({ ...config, teams: [...config.teams, config.teams[i % config.teams.length]] }));
  const asJson = fc.oneof(invalidFrom(fc.constant(config as unknown as Json)), unknownTeam, duplicateTeam).map((value) => JSON.stringify(value));
  const truncated = fc.nat().map((cut) => {
    const text = JSON.stringify(config);
    return text.slice(0, cut % (text.length - 1));
  });
  return fc.oneof(asJson, truncated, fc.json());
}

// ---- resolvers ----------------------------------------------------------------------------------------------------

interface ResolverCase {
  readonly name: string;
  readonly module: string;
  /** Who calls: a user allowed to act, so the payload's validation is what is tested. */
  readonly email: string;
  readonly writes: boolean;
  readonly valid: fc.Arbitrary<Json>;
  /** The resolver's parse-and-answer over in-memory ports; absent for resolvers tried through the site only. */
  readonly run?: (world: MemoryWorld, payload: unknown) => Promise<ResolverResult<unknown>>;
}

const accountOf = (email: string): string => `acc-${email.split('@')[0] ?? ''}`;
function panel<S extends z.ZodMiniType>(schema: S, email: string, use: (ports: PanelPorts, caller: { accountId: string }, input: z.output<S>) => Promise<unknown>) {
  return (world: MemoryWorld, payload: unknown) => answer(schema, payload, (input) => use(world.portsFor(accountOf(email)), { accountId: accountOf(email) }, input));
}

const RESOLVERS: readonly ResolverCase[] = [
  { name: 'getGate', module: PANEL, email: PM, writes: false, valid: fc.constant({}), run: panel(EmptyPayloadSchema, PM, (ports, caller) => loadGate(ports, caller, ISSUE_KEY)) },
  {
    name: 'decide',
    module: PANEL,
    email: approver('sre-p'),
    writes: true,
    valid: fc.record({ team: fc.constant('sre-p'), decision: fc.constantFrom('approve', 'decline', 'revoke'), comment: hostileText }),
    run: panel(DecidePayloadSchema, approver('sre-p'), (ports, caller, input) => decide(ports, caller, ISSUE_KEY, input)),
  },
  {
    name: 'recordNumbers',
    module: PANEL,
    email: approver('sre-p'),
    writes: true,
    valid: fc.record({ values: fc.record({ capacity: fc.integer({ min: 1, max: 1_000 }), velocity: fc.integer({ min: 0, max: 100 }) }) }),
    run: panel(RecordNumbersPayloadSchema, approver('sre-p'), (ports, caller, input) => recordNumbers(ports, caller, ISSUE_KEY, input)),
  },
  {
    name: 'answerQuestions',
    module: PANEL,
    email: PM,
    writes: true,
    valid: fc.record({ answers: fc.dictionary(hostileText, hostileText, { maxKeys: 3 }) }),
    run: panel(AnswerQuestionsPayloadSchema, PM, (ports, caller, input) => answerQuestions(ports, caller, ISSUE_KEY, input)),
  },
  {
    name: 'override',
    module: PANEL,
    email: ADMIN,
    writes: true,
    valid: fc.record({ stage: fc.constantFrom('promote-to-prod', 'go-live'), justification: hostileText }),
    run: panel(JustifiedGrantPayloadSchema, ADMIN, (ports, caller, input) => override(ports, caller, ISSUE_KEY, input)),
  },
  {
    name: 'getAudit',
    module: PANEL,
    email: PM,
    writes: false,
    valid: fc.record({ limit: fc.integer({ min: 1, max: 100 }) }),
    run: panel(GetAuditPayloadSchema, PM, (ports, _caller, input) => getAudit(ports, ISSUE_KEY, input)),
  },
  { name: 'getConfig', module: SETTINGS, email: ADMIN, writes: false, valid: fc.constant({}), run: panel(EmptyPayloadSchema, ADMIN, (ports, caller) => getConfig(ports, caller, MEMORY_PROJECT)) },
  {
    name: 'saveConfig',
    module: SETTINGS,
    email: ADMIN,
    writes: true,
    valid: fc.constant({ config: { ...MANAGED_ADDON, version: 1 } }),
    run: panel(SaveConfigPayloadSchema, ADMIN, (ports, caller, input) => saveConfig(ports, caller, MEMORY_PROJECT, input.config)),
  },
  {
    name: 'applyTemplate',
    module: SETTINGS,
    email: ADMIN,
    writes: true,
    valid: fc.record({ template: fc.constantFrom('managed-addon', 'kubernetes-prr') }),
    run: panel(ApplyTemplatePayloadSchema, ADMIN, (ports, caller, input) => applyTemplate(ports, caller, MEMORY_PROJECT, input.template)),
  },
  { name: 'exportConfig', module: SETTINGS, email: ADMIN, writes: false, valid: fc.constant({}), run: panel(EmptyPayloadSchema, ADMIN, (ports, caller) => exportConfig(ports, caller, MEMORY_PROJECT)) },
  {
    name: 'importConfig',
    module: SETTINGS,
    email: ADMIN,
    writes: true,
    valid: fc.constant({ json: JSON.stringify(MANAGED_ADDON) }),
    run: panel(ImportConfigPayloadSchema, ADMIN, (ports, caller, input) => importConfig(ports, caller, MEMORY_PROJECT, input.json)),
  },
  { name: 'getBenchDepth', module: SETTINGS, email: ADMIN, writes: false, valid: fc.constant({}), run: panel(EmptyPayloadSchema, ADMIN, (ports, caller) => getBenchDepth(ports, caller, MEMORY_PROJECT)) },
  // The reviews page searches Jira with JQL: tried through the site, where that search is real.
  { name: 'getReviews', module: REVIEWS, email: PM, writes: false, valid: fc.record({ from: fc.constant('2026-01-01T00:00:00.000Z'), to: fc.constant('2026-12-31T00:00:00.000Z') }) },
];
const IN_PROCESS = RESOLVERS.filter((resolver): resolver is ResolverCase & Required<Pick<ResolverCase, 'run'>> => resolver.run !== undefined);

// ---- checks -------------------------------------------------------------------------------------------------------

const GENERIC_MESSAGE = 'The request is not valid.';

/** A refusal a user can act on: a known code (never 'internal') and a message, with field errors for a bad request. */
function expectClearRefusal(result: ResolverResult<unknown>): void {
  if (result.ok) return;
  expect(result.error.code).not.toBe('internal');
  expect(result.error.message.trim().length).toBeGreaterThan(0);
  if (result.error.code === 'invalid-input' && result.error.message === GENERIC_MESSAGE) {
    expect(result.error.fieldErrors?.length ?? 0).toBeGreaterThan(0);
    for (const fieldError of result.error.fieldErrors ?? []) expect(fieldError.message.length).toBeGreaterThan(0);
  }
}

/** Everything an in-memory world stores. */
const storedIn = (world: MemoryWorld): string =>
  JSON.stringify({
    properties: [...world.issues.issues.values()].map((issue) => issue.properties),
    digests: [...world.records.stored],
    audit: world.audit.events,
    configs: [...world.configs.stored],
  });

/** Runs a payload against a fresh demo world: a clear answer, and nothing stored unless it succeeded. */
async function checkInProcess(resolver: (typeof IN_PROCESS)[number], payload: unknown): Promise<void> {
  const world = demoWorld();
  const before = storedIn(world);
  let result: ResolverResult<unknown>;
  try {
    result = await resolver.run(world, payload);
  } catch (error) {
    throw new Error(`${resolver.name} threw on ${JSON.stringify(payload)?.slice(0, 200)}: ${String(error)}`);
  }
  figures.operations++;
  expectClearRefusal(result);
  if (!result.ok) {
    figures.refused++;
    if (storedIn(world) !== before) figures.lost++;
    expect(storedIn(world)).toBe(before);
  }
}

describe('every resolver against generated payloads, in process', () => {
  it.each(IN_PROCESS.map((resolver) => [resolver.name, resolver] as const))('%s answers every payload clearly and stores nothing it refuses', async (_name, resolver) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: invalidFrom(resolver.valid), weight: 4 }, { arbitrary: resolver.valid, weight: 1 }), (payload) => checkInProcess(resolver, payload)),
      { numRuns: IN_PROCESS_RUNS, seed: SEED },
    );
  });

  it('refuses every broken configuration file and keeps the stored configuration', async () => {
    const importing = IN_PROCESS.find((resolver) => resolver.name === 'importConfig') as (typeof IN_PROCESS)[number];
    await fc.assert(
      fc.asyncProperty(brokenConfigFile(MANAGED_ADDON), async (json) => {
        const world = demoWorld();
        const before = storedIn(world);
        const result = await importing.run(world, { json });
        figures.operations++;
        expect(result.ok).toBe(false);
        expectClearRefusal(result);
        figures.refused++;
        expect(storedIn(world)).toBe(before);
      }),
      { numRuns: 2 * IN_PROCESS_RUNS, seed: SEED },
    );
  });

  it('stores and shows hostile decision comments verbatim', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText.filter((text) => text.trim().length > 0), fc.constantFrom(...TEAMS), async (text, team) => {
        const world = demoWorld();
        const decided = await answer(DecidePayloadSchema, { team, decision: 'decline', comment: text }, (input) => decide(world.portsFor(`acc-${team}`), { accountId: `acc-${team}` }, ISSUE_KEY, input));
        figures.operations++;
        const view = unwrap(decided);
        expect(view.records.decisions[team]?.comment).toBe(text.trim());
        expect(world.audit.events.at(-1)?.detail).toContain(text.trim());
      }),
      { numRuns: IN_PROCESS_RUNS, seed: SEED },
    );
  });
});

// ---- through the site ---------------------------------------------------------------------------------------------

describe('every resolver against generated payloads, through the local site', () => {
  let site: RunningSite;
  let issueKey: string;
  let config: GateConfig;

  beforeAll(async () => {
    site = await startSite();
    config = await savedConfig(site);
    issueKey = (await createTicket(site, 'Hostile input')).key;
    unwrap(await decideOnSite(site, 'sre-p', issueKey, 'approve', 'LGTM'));
    unwrap(await call<GateView>(site, approver('sre-p'), 'recordNumbers', { values: { capacity: 100, velocity: 5 } }, { issueKey }));
  });
  afterAll(async () => {
    figures.print();
    await site?.stop();
  });

  const storedOnSite = async (): Promise<string> => JSON.stringify(await storedState(site, issueKey));

  /** One payload through /forge/invoke: never a 5xx; a refusal is clear and changes nothing. */
  async function checkOnSite(resolver: ResolverCase, payload: unknown): Promise<void> {
    const before = await storedOnSite();
    const context = resolver.module === PANEL ? { issueKey } : PROJECT;
    const reply = await invokeRaw(site, resolver.email, resolver.module, resolver.name, payload, context);
    figures.operations++;
    figures.extra['throughSite'] = (figures.extra['throughSite'] ?? 0) + 1;
    const described = `${resolver.name} ${JSON.stringify(payload)?.slice(0, 300)} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
    expect([described, reply.status]).toEqual([described, reply.status < 500 ? reply.status : 'no 5xx']);
    if (reply.status === 200) {
      const result = (reply.body as { result: ResolverResult<unknown> }).result;
      expectClearRefusal(result);
      if (resolver.writes) expect([described, result.ok]).toEqual([described, false]);
    } else expect((reply.body as { error?: string }).error?.length ?? 0).toBeGreaterThan(0);
    figures.refused++;
    const after = await storedOnSite();
    if (after !== before) figures.lost++;
    expect(after).toBe(before);
  }

  it('answers several hundred invalid payloads clearly, never with a 5xx, and stores nothing', async () => {
    for (const resolver of RESOLVERS) {
      for (const payload of fc.sample(invalidFrom(resolver.valid), { numRuns: SITE_RUNS, seed: SEED })) await checkOnSite(resolver, payload);
    }
    const importing = RESOLVERS.find((resolver) => resolver.name === 'importConfig') as ResolverCase;
    for (const json of fc.sample(brokenConfigFile(config), { numRuns: 2 * SITE_RUNS, seed: SEED })) await checkOnSite(importing, { json });
  }, 120_000);

  it('stores and shows hostile text verbatim', async () => {
    const comment = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'quotes\' \u202e ünïcödé 👍';
    unwrap(await decideOnSite(site, 'cee', issueKey, 'decline', comment));
    figures.operations++;
    const gate = await getGate(site, issueKey);
    expect(gate.records.decisions['cee']?.comment).toBe(comment);
    expect(gate.audit.events[0]?.detail).toContain(comment);
    expect((await gateProperties(site, issueKey)).properties['golive-gate.team.cee']).toMatchObject({ comment });

    const named = { ...config, teams: config.teams.map((team) => (team.key === 'cee' ? { ...team, name: '<b>CEE</b> <script>1</script>', description: comment } : team)) };
    const imported = unwrap(await call<{ config?: GateConfig }>(site, ADMIN, 'importConfig', { json: JSON.stringify(named) }, PROJECT));
    const exported = unwrap(await call<{ json: string }>(site, ADMIN, 'exportConfig', {}, PROJECT));
    const team = (JSON.parse(exported.json) as GateConfig).teams.find((t) => t.key === 'cee');
    expect(team).toMatchObject({ name: '<b>CEE</b> <script>1</script>', description: comment });
    expect(imported.config?.teams.find((t) => t.key === 'cee')?.name).toBe('<b>CEE</b> <script>1</script>');
  });
});
