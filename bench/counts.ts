// Turns the site's raw per-kind counters into what one action costs the app, and compares it with its floor.
import type { Counts } from '../test/support/site-client';

/**
 * Requests the bench itself or the local host made during a measured action, which are not the app's cost:
 * - the bench's own REST call (e.g. the PM's POST .../transitions that runs the validator);
 * - the local host resolving an invocation's context (Forge hands the app its context; the emulator looks the issue or
 *   project up over REST before every /forge/invoke: emulator/runtime/extension-context.ts).
 */
export interface NotTheApp {
  readonly kinds: Readonly<Record<string, number>>;
}

export const HOST_ISSUE_CONTEXT = 'jira:GET /rest/api/3/issue/{issueIdOrKey}';
export const HOST_PROJECT_CONTEXT = 'jira:GET /rest/api/3/project/{projectIdOrKey}';
export const TRANSITION_POST = 'jira:POST /rest/api/3/issue/{issueIdOrKey}/transitions';
export const SEARCH_POST = 'jira:POST /rest/api/3/search/jql';

/** What each kind of request is for, so a figure above its floor says why. */
const PURPOSE: Readonly<Record<string, string>> = {
  'jira:GET /rest/api/3/issue/{issueIdOrKey}': 'the issue with its records (after a write: a re-read that verifies the summary)',
  'jira:GET /rest/api/3/user/groups': "the caller's groups (who may act for which team)",
  'jira:PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': 'the record, then the JQL summary',
  'jira:POST /rest/api/3/issue/{issueIdOrKey}/notify': 'e-mail to the teams newly asked',
  'jira:POST /rest/api/3/search/jql': 'one page of 100 gated tickets with their summaries',
  'jira:GET /rest/api/3/group/member': "a team group's members (bench depth)",
  'jira:GET /rest/api/3/mypermissions': 'permission check',
  'kvs:entity/get': 'project configuration',
  'kvs:entity/query': "the heads of the issue's records; re-read after a write",
  'kvs:get': 'a configuration stored by schema version 1, until it is moved',
  'kvs:query': 'audit page (and the digests of schema version 1 on a ticket last written by it)',
  'kvs:set': "the write's outcome in its audit event; a notification marker (sent at most once)",
  'kvs:delete': 'delete',
  'kvs:transaction': "the record's head and its audit event, in one compare-and-set transaction",
  'jira:GET /rest/api/3/user/bulk': 'display names of the people shown',
};

export interface Cost {
  /** Jira REST requests the app made, by kind. */
  readonly jira: Readonly<Record<string, number>>;
  readonly kvs: Readonly<Record<string, number>>;
  readonly invokes: Readonly<Record<string, number>>;
}

const sum = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((a, b) => a + b, 0);
export const total = sum;

/**
 * The app's cost from raw counters, without what the bench or the host did.
 * @example costOf({ 'jira:GET /rest/api/3/issue/{issueIdOrKey}': 2, 'invoke:getGate': 1 }, { kinds: { [HOST_ISSUE_CONTEXT]: 1 } })
 * // { jira: { 'jira:GET /rest/api/3/issue/{issueIdOrKey}': 1 }, kvs: {}, invokes: { 'invoke:getGate': 1 } }
 */
export function costOf(counts: Counts, notTheApp: NotTheApp): Cost {
  const jira: Record<string, number> = {};
  const kvs: Record<string, number> = {};
  const invokes: Record<string, number> = {};
  for (const [kind, raw] of Object.entries(counts)) {
    const count = raw - (notTheApp.kinds[kind] ?? 0);
    if (count < 0) throw new Error(`The site counted ${raw} × ${kind}, fewer than the ${notTheApp.kinds[kind]} the bench or host made itself`);
    if (count === 0) continue;
    if (kind.startsWith('jira:')) jira[kind] = count;
    else if (kind.startsWith('kvs:')) kvs[kind] = count;
    else if (kind.startsWith('invoke:')) invokes[kind] = count;
  }
  return { jira, kvs, invokes };
}

/** `GET issue ×2, PUT property ×2`: short names of each kind with its count. */
export function breakdown(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return 'none';
  return entries.map(([kind, count]) => `${shortKind(kind)} ×${count}`).join(', ');
}

function shortKind(kind: string): string {
  return kind
    .replace(/^jira:/, '')
    .replace(/^kvs:/, 'kvs ')
    .replace('/rest/api/3/', '')
    .replace('/{issueIdOrKey}', '')
    .replace('/properties/{propertyKey}', ' property');
}

/** What the validator's requests are for (it reads, never writes). */
export const VALIDATOR_PURPOSE: Readonly<Record<string, string>> = {
  'jira:GET /rest/api/3/issue/{issueIdOrKey}': 'the issue with all its records, as the app',
  'jira:GET /rest/api/3/user/groups': "an approver's groups, re-checked before the stage passes",
  'kvs:entity/get': 'project configuration',
  'kvs:entity/query': 'the heads of the records, at most 100 per KVS query: more records need another page',
};

/** Why the requests of a category are there: each kind with what it is for (`purpose` first, then the general list). */
export function reasons(counts: Readonly<Record<string, number>>, purpose: Readonly<Record<string, string>> = {}): string {
  return Object.entries(counts)
    .map(([kind, count]) => `${shortKind(kind)} ×${count} (${purpose[kind] ?? PURPOSE[kind] ?? 'see the app'})`)
    .join('; ');
}

export interface FloorCheck {
  readonly label: string;
  readonly value: number;
  /** "1", "≤ 2", "10 = ceil(1,000/100)" */
  readonly floor: string;
  readonly meets: boolean;
  /** Set when the figure is above its floor: which requests make up the difference. */
  readonly reason?: string;
}

/**
 * Compares a count with its floor; above it, the reason lists the requests of that category and what they are for.
 * @example checkFloor('KVS', { 'kvs:get': 1, 'kvs:query': 1 }, 2, '≤ 2') // { label: 'KVS', value: 2, floor: '≤ 2', meets: true }
 */
export function checkFloor(label: string, counts: Readonly<Record<string, number>>, floor: number, floorText: string, purpose: Readonly<Record<string, string>> = {}): FloorCheck {
  const value = sum(counts);
  if (value <= floor) return { label, value, floor: floorText, meets: true };
  return { label, value, floor: floorText, meets: false, reason: `+${value - floor} ${label}: ${reasons(counts, purpose)}` };
}
