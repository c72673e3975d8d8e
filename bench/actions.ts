// What each user action costs on the demo configuration (managed add-on, 13 teams): requests and wall time.
import type { Cost, NotTheApp } from './counts';
import { costOf, HOST_ISSUE_CONTEXT, TRANSITION_POST } from './counts';
import type { SiteClient } from '../test/support/site-client';
import { DEMO } from '../test/support/site-client';
import type { Timing } from './stats';
import { sample } from './stats';

export interface ActionResult {
  readonly name: string;
  /** Which floor the action is held to: the panel's (1 invoke), the validator's (1 Jira + approvers, ≤ 2 KVS), or none set. */
  readonly floor?: 'panel' | 'validator';
  /** For a transition that passes: the approvers whose groups the validator re-checks (one Jira request each). */
  readonly approvers?: number;
  /** Tickets linked by the configured link type (issue 15): the validator reads each (one Jira request and one KVS query). */
  readonly linkedTickets?: number;
  readonly cost: Cost;
  readonly timing: Timing;
}

/** The teams that must agree before "Promote to Prod" in the managed add-on template. */
const PROMOTE_TEAMS = ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'] as const;
const SRE = 'sre-p';
/** Approves first on every fresh ticket, so the measured decisions are not the one that enters the stage. */
const WARM_UP_TEAM = 'cee';
const numbersFor = (i: number): { capacity: number; velocity: number } => ({ capacity: 100 + i, velocity: 10 + (i % 7) });


/**
 * Measures, `repetitions` times each plus one counted run: open the panel, record numbers, decide, validate a transition
 * that blocks (nothing moves, so it repeats on one ticket) and one that passes (a fresh ready ticket each time).
 */
export async function benchActions(client: SiteClient, repetitions: number): Promise<ActionResult[]> {
  // One ticket per measured write, one for the counted run and a spare (the passing transition needs one more), each in
  // review with a first approval already in.
  const pool: string[] = [];
  for (let i = 0; i < repetitions + 2; i++) {
    const { key } = await client.createTicket(`Bench action ${i}`);
    await client.approve(key, WARM_UP_TEAM);
    pool.push(key);
  }
  // The app's issue-created trigger runs in the background after each create: let it finish before anything is timed.
  await client.site.drainEvents();
  const ticket = (i: number): string => pool[i] ?? '';
  const viaInvoke: NotTheApp = { kinds: { [HOST_ISSUE_CONTEXT]: 1 } };
  const results: ActionResult[] = [];

  interface Measured {
    readonly name: string;
    readonly floor?: ActionResult['floor'];
    readonly approvers?: number;
    readonly linkedTickets?: number;
    readonly run: (issueKey: string, i: number) => Promise<unknown>;
    readonly notTheApp?: NotTheApp;
    /** The ticket of repetition i (i = repetitions: the counted run); by default the i-th pooled ticket. */
    readonly issueKey?: (i: number) => string;
  }
  const measure = async ({ name, floor, approvers, linkedTickets, run, notTheApp = viaInvoke, issueKey = ticket }: Measured): Promise<void> => {
    const cost = costOf(await client.count(() => run(issueKey(repetitions), repetitions)), notTheApp);
    const timing = await sample(repetitions, (i) => run(issueKey(i), i));
    results.push({ name, cost, timing, ...(floor && { floor }), ...(approvers !== undefined && { approvers }), ...(linkedTickets !== undefined && { linkedTickets }) });
  };

  const blocked = ticket(0);
  const transitionOnly: NotTheApp = { kinds: { [TRANSITION_POST]: 1 } };
  await measure({ name: 'open the panel (getGate)', floor: 'panel', run: (key) => client.call(DEMO.approverOf(SRE), 'panel', 'getGate', {}, { issueKey: key }), issueKey: () => blocked });
  await measure({ name: 'record numbers', run: (key, i) => client.call(DEMO.approverOf(SRE), 'panel', 'recordNumbers', { values: numbersFor(i) }, { issueKey: key }) });
  await measure({ name: 'decide (approve)', run: (key) => client.approve(key, SRE) });
  await measure({
    name: 'validate a transition that blocks',
    floor: 'validator',
    run: (key) => client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 400),
    notTheApp: transitionOnly,
    issueKey: () => blocked,
  });

  // Every pooled ticket but the blocked one becomes ready for "Promote to Prod"; each passes once.
  const ready = pool.slice(1);
  for (const key of ready) {
    for (const team of PROMOTE_TEAMS.filter((t) => t !== SRE || key === pool[repetitions + 1])) await client.approve(key, team);
  }
  await measure({
    name: 'validate a transition that passes',
    floor: 'validator',
    approvers: PROMOTE_TEAMS.length,
    run: (key) => client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 204),
    notTheApp: transitionOnly,
    issueKey: (i) => ready[i] ?? '',
  });

  // Agreement on a linked ticket (issue 15): with a link type configured, the validator also reads the linked ticket.
  const project = { projectKey: DEMO.projectKey };
  const { config } = (await client.call(DEMO.admin, 'settings', 'getConfig', {}, project)) as { config: Record<string, unknown> };
  await client.call(DEMO.admin, 'settings', 'saveConfig', { config: { ...config, linkedApprovals: { linkType: 'Relates' } } }, project);
  const linkedTo = (await client.createTicket('Bench linked release')).key;
  await client.restOk(DEMO.pm, 'POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { key: blocked }, outwardIssue: { key: linkedTo } }, 201);
  await client.approve(linkedTo, 'dev-team');
  await client.site.drainEvents();
  await measure({
    name: 'validate a transition that blocks, 1 linked ticket',
    floor: 'validator',
    linkedTickets: 1,
    run: (key) => client.transition(DEMO.pm, key, DEMO.transitions.promoteToProd, 400),
    notTheApp: transitionOnly,
    issueKey: () => blocked,
  });
  return results;
}
