// Runs the model-based test's steps against the real site and holds the model to it. While an outcome is in doubt
// (a failure, a crash, two calls at once) the harness keeps every candidate model a correct app could be in, and the
// observations after the step (the app's own view, its configuration) keep only those the app is consistent with.
// A step after which no candidate is consistent, or after which the validator disagrees with the candidates, diverges.
import type { ConfigView } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import { templateConfig } from '../support/v1-templates';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import type { Action, Ticket } from './actions';
import { applyAction, callOf, describe, expectationOf, READ_ONLY, ticketOf, writtenKeys } from './actions';
import type { IssueModel, Model, ModelAnswer, SummaryExpectation, WaiverTargetModel } from './model';
import { applyField, applyMembership, applyPass, applyReopen, canonical, cloneModel, fingerprint, gated, initialGroups, newIssue, PASSED_STATUS, passedStages, PROPERTY, stagePasses, summaryOf, teamPassesV2, untrusted } from './model';
import type { ModelFault, Outcome, Real } from './real';
import type { ModelConfig, StageKey } from './world';
import { ADMIN_EMAIL, BASE_VARIANT, configFor, modelConfigOf, PEOPLE, PM_EMAIL, REST_STATUS, STAGES } from './world';
import type { VariantV2 } from './world-v2';
import { BASE_VARIANT_V2, configV2For, modelConfigV2Of } from './world-v2';

/** The status-change event that takes a ticket back: a transition of the model's own workflow, added through the site. */
export const BACK_TRANSITION = { name: 'Back to Review', to: REST_STATUS } as const;
const DAY_MS = 86_400_000;
/** The scheduled trigger that rewrites summaries whose verdict changed with time (manifest.yml). */
const REFRESH_TRIGGER = 'go-live-gate-hourly-refresh';

/** What went wrong, by kind, for the figures. */
export type DivergenceKind =
  | 'bypass'
  | 'false-block'
  | 'lost-write'
  | 'own-record-unverified'
  | 'accepted-forbidden'
  | 'refused-allowed'
  | 'config-reverted'
  | 'summary'
  | 'read-failed'
  | 'internal-error'
  | 'audit'
  | 'pass';

export class Divergence extends Error {
  override readonly name = 'Divergence';
  constructor(
    readonly kinds: readonly DivergenceKind[],
    message: string,
  ) {
    super(message);
  }
}

export interface Figures {
  steps: number;
  /** Steps replayed while shrinking a counterexample. */
  shrinkSteps: number;
  tamperSteps: number;
  faultSteps: number;
  concurrentSteps: number;
  restarts: number;
  validatorChecks: number;
  /** Validator checks where the model said the stage passes (the transition had to go through). */
  validatorPasses: number;
  /** Summaries compared with what the records say. */
  summaryChecks: number;
  /** Stage checks skipped because the candidates disagreed (an outcome still in doubt). */
  undecided: number;
  /** Passes the issue-updated trigger recorded after a gated transition went through (what the model then holds). */
  passes: number;
  /** Steps that moved a ticket through a stage's transition (staying there) or back before the stages. */
  moves: number;
  /** Actions the model expected refused because only passed stages need what they write. */
  readOnly: number;
  /** Steps that moved the site clock forward (to just before or just after an approval or waiver runs out, or by days). */
  clockSteps: number;
  /** Steps that set or cleared a ticket's field that names a team's approvers. */
  fieldSteps: number;
  /** Passes a real status-change event (the backward transition) reopened. */
  reopened: number;
  divergences: number;
  lost: number;
  byKind: Partial<Record<DivergenceKind, number>>;
}

export const newFigures = (): Figures => ({ steps: 0, shrinkSteps: 0, tamperSteps: 0, faultSteps: 0, concurrentSteps: 0, restarts: 0, validatorChecks: 0, validatorPasses: 0, summaryChecks: 0, undecided: 0, passes: 0, moves: 0, readOnly: 0, clockSteps: 0, fieldSteps: 0, reopened: 0, divergences: 0, lost: 0, byKind: {} });

interface Ticketed {
  readonly key: string;
  readonly id: string;
}

/** A rejected candidate and why. */
interface Rejection {
  readonly reason: string;
  readonly kind: DivergenceKind;
}

const MAX_CANDIDATES = 48;
/** How long a validator call may take: the model judges a transition at both ends of this stretch of site time. */
const JUDGE_MARGIN_MS = 20_000;

/** Where a move takes a ticket: through a stage's transition, back by the workflow's way back, or by the operator (no event). */
export type MoveTarget = StageKey | 'back' | 'reset' | 'forward';

/** What the app shows for an issue (its panel's view), reduced to what the model compares. */
interface AppView {
  /** The issue's audit trail, newest first. */
  readonly audit: readonly AuditEntry[];
  readonly decisions: ReadonlyMap<string, { readonly kind: string; readonly by: string; readonly at: string }>;
  readonly numbers?: Readonly<Record<string, number>> | undefined;
  readonly answers?: Readonly<Record<string, ModelAnswer>> | undefined;
  /** Gate model v2: each approver's decision per stage and team, by `<stage>.<team>.<accountId>`. */
  readonly stageDecisions: ReadonlyMap<string, { readonly kind: string; readonly by: string; readonly at: string }>;
  /** Gate model v2: the standing waivers the app trusts, by `<kind>.<key>`, with when they were given. */
  readonly waivers: ReadonlyMap<string, { readonly by: string; readonly at: string }>;
  /** Gate model v2: the typed answers. */
  readonly itemAnswers?: Readonly<Record<string, ModelAnswer>> | undefined;
  readonly overrides: ReadonlyMap<string, { readonly by: string }>;
  readonly unverified: ReadonlySet<string>;
  /** The stages the app judges passed (their pass counts), when it says. */
  readonly passed?: ReadonlySet<string> | undefined;
}

interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly team?: string | undefined;
  readonly detail: string;
  readonly propertyKey?: string | undefined;
  readonly seq?: number | undefined;
  readonly outcome?: string | undefined;
}

function appViewOf(data: unknown, audit: readonly AuditEntry[]): AppView {
  const view = data as {
    records?: {
      decisions?: Record<string, { decision: string; by: string; at: string }>;
      numbers?: { values: Record<string, number> };
      answers?: { answers: Record<string, string> };
      overrides?: Record<string, { by: string }>;
    };
    unverified?: { propertyKey: string }[];
    recordsV2?: {
      decisions?: { stage: string; team: string; by: string; decision: string; at: string }[];
      answers?: { answers: Record<string, ModelAnswer> };
      waivers?: { target: { kind: string; key: string }; status: string; by: string; at: string }[];
    };
    verdictsV2?: { stage: string; passed?: unknown }[];
  };
  const records = view.records ?? {};
  return {
    audit,
    decisions: new Map(Object.entries(records.decisions ?? {}).map(([team, d]) => [team, { kind: d.decision, by: d.by, at: d.at }])),
    numbers: records.numbers?.values,
    answers: records.answers?.answers,
    stageDecisions: new Map((view.recordsV2?.decisions ?? []).map((d) => [`${d.stage}.${d.team}.${d.by}`, { kind: d.decision, by: d.by, at: d.at }])),
    waivers: new Map((view.recordsV2?.waivers ?? []).filter((w) => w.status === 'waived').map((w) => [`${w.target.kind}.${w.target.key}`, { by: w.by, at: w.at }])),
    itemAnswers: view.recordsV2?.answers?.answers,
    overrides: new Map(Object.entries(records.overrides ?? {}).map(([stage, o]) => [stage, { by: o.by }])),
    unverified: new Set((view.unverified ?? []).map((u) => u.propertyKey)),
    passed: view.verdictsV2 && new Set(view.verdictsV2.filter((v) => v.passed !== undefined).map((v) => v.stage)),
  };
}

/** The parts of a stored configuration the model's config is made of, comparable with a variant's. */
function configShape(config: GateConfig | ModelConfig): string {
  if ('teams' in config && Array.isArray(config.teams)) {
    const stored = config as GateConfig;
    return canonical({
      teams: stored.teams.map((t) => [t.key, t.groups]),
      stages: stored.stages.map((s) => [s.key, s.requiredTeams]),
      capacityMin: stored.numbers.find((n) => n.key === 'capacity')?.min,
      questions: stored.questions.map((q) => q.key),
      policies: [stored.policies.reporterMayApprove, stored.policies.onePersonOneTeam, stored.policies.overrideGroups],
    });
  }
  const model = config as ModelConfig;
  return canonical({
    teams: [...model.teams].map(([key, t]) => [key, t.groups]),
    stages: [...model.stages].map(([key, s]) => [key, s.teams]),
    capacityMin: model.numbers.get('capacity')?.min,
    questions: [...model.questions.keys()],
    policies: [model.reporterMayApprove, model.onePersonOneTeam, model.overrideGroups],
  });
}

/** The same for a v2 configuration: what v2 adds (scope, how teams apply, N of M, carry-over, typed items, policies). */
function configShapeV2(config: GateConfigV2 | ModelConfig): string {
  if ('schemaVersion' in config) {
    return canonical({
      teams: config.teams.map((t) => [t.key, t.groups, t.applies.when, (t.applies.when === 'always' ? [] : (t.applies.condition?.anyOf ?? [])).map((c) => ('is' in c ? c.is : '')), t.approversFrom ? [t.approversFrom.field, t.approversFrom.groups ?? {}] : null]),
      stages: config.stages.map((s) => [s.key, s.teams.map((t) => [t.team, t.minApprovals ?? config.teams.find((team) => team.key === t.team)?.minApprovals ?? 1]), s.carryOver, s.approvalLifetimeDays ?? null, s.waiverLifetimeDays ?? null]),
      scope: config.scope.issueTypes,
      items: config.items.map((i) => [i.key, i.kind]),
      policies: [config.policies.reporterMayApprove, config.policies.onePersonOneTeam, config.policies.separationOfDuties, config.policies.overrideGroups],
    });
  }
  const v2 = config.v2;
  return canonical({
    teams: [...config.teams].map(([key, t]) => {
      const applies = v2?.applies.get(key) ?? { when: 'always' as const };
      return [key, t.groups, applies.when, applies.when === 'always' ? [] : applies.issueTypes, t.fromField ? [t.fromField.field, t.fromField.groups] : null];
    }),
    stages: [...config.stages].map(([key, s]) => [
      key,
      s.teams.map((team) => [team, v2?.minApprovals.get(`${key}.${team}`) ?? 1]),
      v2?.carryOver.get(key) ?? [],
      v2?.approvalLifetimeDays.get(key) ?? null,
      v2?.waiverLifetimeDays.get(key) ?? null,
    ]),
    scope: v2?.issueTypes ?? [],
    items: [...(v2?.items ?? [])].map(([key, i]) => [key, i.kind]),
    policies: [config.reporterMayApprove, config.onePersonOneTeam, v2?.separationOfDuties, config.overrideGroups],
  });
}

export class Harness {
  readonly log: string[] = [];
  private candidates: Model[];
  private readonly history = new Map<string, unknown[]>();
  /** How far the site clock runs ahead of real time (only the clock steps move it; a restart keeps it). */
  private clockOffset = 0;
  /** Site time when the current step began: a write's summary was judged between then and now. */
  private stepStart = 0;
  /** The id of the workflow's way back to review (added at setup). */
  private backTransitionId = '';

  private constructor(
    readonly real: Real,
    readonly figures: Figures,
    readonly tickets: readonly [Ticketed, Ticketed],
    model: Model,
  ) {
    this.candidates = [model];
  }

  /**
   * A fresh run: the demo's group memberships, the project back on the managed add-on template (an acknowledged save),
   * and two new tickets in review, A reported by the PM and B by the SRE-P approver.
   */
  static async setup(real: Real, figures: Figures, generation: 1 | 2 = 1, initial: VariantV2 = BASE_VARIANT_V2): Promise<Harness> {
    await real.calm();
    await restoreMemberships(real);
    // The way back to review as a Jira admin adds it to the project's workflow (the demo's has none): a real event.
    const backTransitionId = await real.addTransition('SKU', BACK_TRANSITION.name, BACK_TRANSITION.to);
    const clockOffset = await real.clockOffset();
    // The add-on template as gate model v1 saved it, which the model follows (Apply template now gives the v2 template).
    const applied = await real.invoke(ADMIN_EMAIL, 'importConfig', { json: JSON.stringify(templateConfig('managed-addon')) }, { projectKey: 'SKU' });
    if (applied.kind !== 'acknowledged') throw new Error(`resetting the configuration failed: ${JSON.stringify(applied)}`);
    let version = (applied.data as ConfigView).config?.version ?? 0;
    if (generation === 2) {
      // Gate model v2's managed add-on configuration, saved as an admin saves it (every kind of item, Layered SRE if present).
      const saved = await real.invoke(ADMIN_EMAIL, 'saveConfig', { config: configV2For(initial, { ...(applied.data as ConfigView).configV2, version } as GateConfigV2) }, { projectKey: 'SKU' });
      if (saved.kind !== 'acknowledged') throw new Error(`saving the v2 configuration failed: ${JSON.stringify(saved)}`);
      version = (saved.data as ConfigView).config?.version ?? version;
    }
    await retireEarlierTickets(real);
    const a = await real.createTicket(PM_EMAIL, 'Reference model ticket A');
    const b = await real.createTicket('sre-p@example.com', 'Reference model ticket B');
    EARLIER_TICKETS.set(real, [...(EARLIER_TICKETS.get(real) ?? []), a.key, b.key]);
    const variant = generation === 2 ? initial : BASE_VARIANT;
    const model: Model = {
      groups: initialGroups(),
      variant,
      config: generation === 2 ? modelConfigV2Of(initial) : modelConfigOf(BASE_VARIANT),
      version,
      issues: [newIssue(a.key, a.id, 'acc-pm'), newIssue(b.key, b.id, 'acc-sre-p')],
      seq: 0,
      now: Date.now() + clockOffset,
    };
    const harness = new Harness(real, figures, [a, b], model);
    harness.clockOffset = clockOffset;
    harness.backTransitionId = backTransitionId;
    for (const ticket of [a, b]) await real.setStatus(ticket.key, REST_STATUS);
    for (const issue of model.issues) {
      issue.summary = summaryOf(model, issue);
      issue.summaryAt = model.now;
    }
    await harness.record([0, 1]);
    return harness;
  }

  /** The primary candidate (the most likely reading of what happened): what a reproduction describes. */
  get model(): Model {
    const [first] = this.candidates;
    if (!first) throw new Error('no candidate model');
    return first;
  }

  private issueKey(ticket: Ticket): string {
    return this.tickets[ticket].key;
  }

  /** The site's time now, by the real clock and the offset the clock steps gave it. */
  private siteNow(): number {
    return Date.now() + this.clockOffset;
  }

  /** Every candidate judges at `now` (site time). */
  private judgeAt(now: number): void {
    for (const model of this.candidates) model.now = now;
  }

  /**
   * What every candidate says of `judge` over a stretch of site time (the app judged somewhere in it): one answer when
   * all agree at both ends, undefined when they disagree or a lifetime runs out in between.
   */
  private agreed<T>(from: number, to: number, judge: (model: Model) => T): T | undefined {
    const answers = new Set<string>();
    let answer: T | undefined;
    for (const now of [from, to]) {
      this.judgeAt(now);
      for (const model of this.candidates) {
        answer = judge(model);
        answers.add(canonical(answer));
      }
    }
    this.judgeAt(to);
    return answers.size === 1 ? answer : undefined;
  }

  // Steps ------------------------------------------------------------------------------------------------------------

  /** One action, optionally under injected faults (cleared, and late writes landed, before the checks). */
  async act(action: Action, faults: readonly ModelFault[] = []): Promise<void> {
    this.figures.steps++;
    if (faults.length > 0) this.figures.faultSteps++;
    const version = await this.prepare([action]);
    for (const fault of faults) await this.real.injectFault(fault);
    const outcome = await this.call(action, version);
    await this.real.calm();
    this.advance(action, outcome, version, faults.length > 0);
    await this.conclude([[action, outcome]]);
  }

  /** A first action whose write may land late (a fault), then a second one right after it answered. */
  async actThenAct(first: Action, second: Action, fault: ModelFault): Promise<void> {
    this.figures.steps++;
    this.figures.faultSteps++;
    const version = await this.prepare([first, second]);
    await this.real.injectFault(fault);
    const one = await this.call(first, version);
    const secondVersion = one.kind === 'acknowledged' && first.kind === 'save' ? ((one.data as ConfigView).config?.version ?? version) : version;
    const two = await this.call(second, secondVersion);
    await this.real.calm();
    this.advance(first, one, version, true);
    this.advance(second, two, secondVersion, true);
    await this.conclude([
      [first, one],
      [second, two],
    ]);
  }

  /** Two actions at the same moment (the second started `offsetMs` after the first). */
  async together(first: Action, second: Action, offsetMs: number, faults: readonly ModelFault[] = []): Promise<void> {
    this.figures.steps++;
    this.figures.concurrentSteps++;
    if (faults.length > 0) this.figures.faultSteps++;
    const version = await this.prepare([first, second]);
    for (const fault of faults) await this.real.injectFault(fault);
    const [one, two] = await Promise.all([this.call(first, version), new Promise<void>((r) => setTimeout(r, offsetMs)).then(() => this.call(second, version))]);
    await this.real.calm();
    // Either order is a correct history of two overlapping calls: keep what each order allows.
    const turbulent = faults.length > 0;
    const before = this.candidates;
    const orders: Model[][] = [];
    const failures: Divergence[] = [];
    for (const [a, oa, b, ob] of [
      [first, one, second, two],
      [second, two, first, one],
    ] as const) {
      this.candidates = before;
      try {
        this.advance(a, oa, version, turbulent, true);
        this.advance(b, ob, version, turbulent, true);
        orders.push(this.candidates);
      } catch (error) {
        if (!(error instanceof Divergence)) throw error;
        failures.push(error);
      }
    }
    if (orders.length === 0) throw new Divergence([...new Set(failures.flatMap((f) => f.kinds))], failures.map((f) => f.message).join('\n'));
    this.candidates = dedupe(orders.flat()).slice(0, MAX_CANDIDATES);
    await this.conclude([
      [first, one],
      [second, two],
    ]);
  }

  /** SIGKILL of the site (during `inFlight`, `afterMs` after it started, if given) and a restart on the same database. */
  async crash(inFlight: Action | undefined, afterMs: number): Promise<void> {
    this.figures.steps++;
    this.figures.restarts++;
    const version = inFlight ? await this.prepare([inFlight]) : this.model.version;
    const pending = inFlight ? this.call(inFlight, version) : undefined;
    await new Promise((r) => setTimeout(r, afterMs));
    await this.real.crashAndRestart();
    const outcome = pending ? await pending : undefined;
    if (inFlight && outcome) this.advance(inFlight, outcome, version, true);
    await this.real.calm();
    await this.conclude(inFlight && outcome ? [[inFlight, outcome]] : [], true);
  }

  /** A site admin adds a person to a group or removes them (Jira's group membership REST). */
  async membership(email: string, group: string, member: boolean): Promise<void> {
    this.figures.steps++;
    const person = PEOPLE.find((p) => p.email === email);
    if (!person) throw new Error(`no person ${email}`);
    const query = `groupname=${encodeURIComponent(group)}`;
    const reply = member
      ? await this.real.rest(ADMIN_EMAIL, 'POST', `/rest/api/3/group/user?${query}`, { accountId: person.accountId })
      : await this.real.rest(ADMIN_EMAIL, 'DELETE', `/rest/api/3/group/user?${query}&accountId=${encodeURIComponent(person.accountId)}`);
    if (reply.status >= 300) throw new Error(`changing ${group} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    for (const model of this.candidates) applyMembership(model, person.accountId, group, member);
    await this.conclude([], false, [0, 1]);
  }

  /**
   * The PM sets or clears a ticket's custom field through Jira REST, as a user edits the ticket (the field that names a
   * team's approvers: who may decide, and whose approvals count, changes with it, also for approvals given before).
   */
  async setField(ticket: Ticket, field: string, value: string | null): Promise<void> {
    this.figures.steps++;
    this.figures.fieldSteps++;
    const key = this.issueKey(ticket);
    const reply = await this.real.rest(PM_EMAIL, 'PUT', `/rest/api/3/issue/${key}`, { fields: { [field]: value === null ? null : { value } } });
    this.log.push(`  field ${reply.status}`);
    if (reply.status !== 204) throw new Error(`setting ${field} on ${key} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    await this.real.drainEvents();
    for (const model of this.candidates) {
      const issue = model.issues[ticket] as IssueModel;
      applyField(issue, field, value);
      // The issue-updated trigger may refresh the summary on the new field: unknown until the app's next write.
      issue.summary = undefined;
    }
    await this.conclude([], false, [ticket]);
  }

  /**
   * The site clock moves forward (scheduled triggers run on the way): to a minute before, or just after, the moment an
   * approval or a waiver the model holds runs out at some stage (`stage` if given; the `pick`th of those still ahead), or
   * by `days` when none is ahead.
   */
  async advanceClock(pick: number, side: 'before' | 'after', days: number, stage?: string): Promise<void> {
    this.figures.steps++;
    this.figures.clockSteps++;
    const now = this.siteNow();
    const ends = [...new Set(this.candidates.flatMap((model) => lifetimeEnds(model, stage)))].filter((end) => (side === 'before' ? end - 60_000 : end + 1) > now + 1_000).sort((a, b) => a - b);
    const end = ends.length > 0 ? ends[pick % ends.length] : undefined;
    const target = end === undefined ? now + days * DAY_MS : side === 'before' ? end - 60_000 : end + 1;
    this.log.push(`  clock to ${new Date(target).toISOString()}${end === undefined ? '' : ` (${side} ${new Date(end).toISOString()})`}`);
    this.clockOffset = await this.real.advanceClockTo(target);
    await this.real.drainEvents();
    // The hourly refresh may have rewritten the summaries on the way.
    for (const model of this.candidates) for (const issue of model.issues) issue.summary = undefined;
    this.judgeAt(this.siteNow());
    await this.conclude([], false, [0, 1]);
  }

  /** The adversary: PUT or DELETE of a `golive-gate.*` property through Jira REST, as the PM (who may edit the issue). */
  async tamper(ticket: Ticket, propertyKey: string, mode: TamperMode, pick: number, randomValue: unknown): Promise<void> {
    this.figures.steps++;
    this.figures.tamperSteps++;
    const key = this.issueKey(ticket);
    const properties = await this.real.properties(key);
    const current = properties[propertyKey];
    const other = await this.real.properties(this.issueKey(ticket === 0 ? 1 : 0));
    const seen = this.history.get(`${ticket}:${propertyKey}`) ?? [];
    const otherSeen = this.history.get(`${ticket === 0 ? 1 : 0}:${propertyKey}`) ?? [];
    const written = this.model.issues[ticket]?.appContent.get(propertyKey);
    let value: unknown;
    switch (mode) {
      case 'delete':
        value = undefined;
        break;
      case 'random':
        value = randomValue;
        break;
      case 'older':
        value = seen.length > 0 ? seen[pick % seen.length] : randomValue;
        break;
      case 'copy': {
        const pool = [other[propertyKey], ...otherSeen].filter((v) => v !== undefined);
        value = pool.length > 0 ? pool[pick % pool.length] : randomValue;
        break;
      }
      case 'forge':
        value = forge(current ?? seen.at(-1) ?? randomValue, pick, this.tickets[ticket === 0 ? 1 : 0].id);
        break;
      case 'restore':
        value = written === undefined || written === null ? undefined : (JSON.parse(written) as unknown);
        break;
    }
    const path = `/rest/api/3/issue/${key}/properties/${propertyKey}`;
    const reply = value === undefined ? await this.real.rest(PM_EMAIL, 'DELETE', path) : await this.real.rest(PM_EMAIL, 'PUT', path, value);
    this.log.push(`  tamper ${reply.status}`);
    if (reply.status < 300) {
      const content = value === undefined ? null : canonical(value);
      for (const model of this.candidates) {
        const issue = model.issues[ticket];
        if (!issue) continue;
        if (propertyKey === PROPERTY.summary) {
          if (content !== canonical(current ?? null)) issue.summaryTampered = true;
        } else if (content !== (issue.appContent.get(propertyKey) ?? null)) issue.tampered.add(propertyKey);
        else issue.tampered.delete(propertyKey);
      }
    }
    await this.conclude([], false, [ticket]);
  }

  // Calls and outcomes -----------------------------------------------------------------------------------------------

  /** Reads the configuration before a save (as the settings page does); answers the version a save edits. */
  private async prepare(actions: readonly Action[]): Promise<number> {
    this.stepStart = this.siteNow();
    this.judgeAt(this.stepStart);
    if (!actions.some((a) => a.kind === 'save')) return this.model.version;
    return this.observeConfig();
  }

  private loadedConfig: GateConfig | undefined;
  private loadedConfigV2: GateConfigV2 | undefined;

  /** The configuration in force, as the admin reads it: keeps the candidates whose configuration it is. */
  private async observeConfig(): Promise<number> {
    const loaded = await this.real.invoke(ADMIN_EMAIL, 'getConfig', {}, { projectKey: 'SKU' });
    if (loaded.kind !== 'acknowledged') throw new Divergence(['read-failed'], `getConfig answered ${JSON.stringify(loaded)}`);
    const config = (loaded.data as ConfigView).config;
    const configV2 = (loaded.data as ConfigView).configV2;
    this.loadedConfig = config;
    this.loadedConfigV2 = configV2;
    const version = config?.version ?? 0;
    const sameShape = (model: Model): boolean =>
      model.config.v2 === undefined ? config !== undefined && configShape(config) === configShape(model.config) : configV2 !== undefined && configShapeV2(configV2) === configShapeV2(model.config);
    this.filter((model) =>
      model.version === version && sameShape(model)
        ? [model]
        : [{ kind: 'config-reverted', reason: `the configuration in force is version ${version}, where the acknowledged saves make it version ${model.version}` }],
    );
    return version;
  }

  private async call(action: Action, version: number): Promise<Outcome> {
    if (expectationOf(this.model, action, version).why.startsWith(READ_ONLY)) this.figures.readOnly++;
    let outcome: Outcome;
    if (action.kind === 'save') {
      const { variant } = action;
      const config =
        'generation' in variant
          ? configV2For(variant, this.loadedConfigV2 ? { ...this.loadedConfigV2, version } : undefined)
          : configFor(variant, this.loadedConfig ? { ...this.loadedConfig, version } : undefined);
      outcome = await this.real.invoke(action.email, 'saveConfig', { config: { ...config, version } }, { projectKey: 'SKU' });
    } else {
      const { functionKey, payload, context } = callOf(action, this.issueKey(action.ticket));
      outcome = await this.real.invoke(action.email, functionKey, payload, context);
    }
    if (process.env['MODEL_DEBUG']) console.log(`  ${describe(action)} -> ${outcome.kind === 'acknowledged' ? 'ok' : JSON.stringify(outcome)}`);
    this.log.push(`  ${describe(action)} -> ${outcome.kind === 'acknowledged' ? 'ok' : outcome.kind === 'refused' ? `${outcome.code}: ${outcome.message}` : `failed: ${outcome.message}`}`);
    return outcome;
  }

  /**
   * Every candidate model the outcome allows. Refusals that can hide a write (no answer, storage unavailable, a
   * conflict with one's own earlier attempt) branch into "not taken", "taken" and "taken but left unverified".
   */
  private advance(action: Action, outcome: Outcome, version: number, turbulent: boolean, concurrent = false): void {
    this.filter((model) => {
      const expectation = expectationOf(model, action, version);
      const taken = (): Model => {
        const next = cloneModel(model);
        applyAction(next, action, version);
        return next;
      };
      const broken = (base: Model): Model => {
        const next = cloneModel(base);
        const ticket = ticketOf(action);
        const issue = ticket === undefined ? undefined : next.issues[ticket];
        for (const key of writtenKeys(action)) issue?.broken.add(key);
        return next;
      };
      // A decision at several stages writes one record after the other: a failure may cut it short after any of them.
      const cutShort = (): Model[] => {
        if (action.kind !== 'decideAt') return [];
        const keys = writtenKeys(action);
        const ordered = [...model.config.stages.keys()].filter((stage) => action.stages.includes(stage)).map((stage) => keys[action.stages.indexOf(stage)] ?? '');
        return ordered.slice(0, -1).flatMap((key, index) => {
          const part = cloneModel(model);
          applyAction(part, action, version, index + 1);
          const half = cloneModel(part);
          half.issues[action.ticket]?.broken.add(key);
          const next = ordered[index + 1];
          const halfNext = cloneModel(part);
          if (next !== undefined) halfNext.issues[action.ticket]?.broken.add(next);
          return [part, half, halfNext];
        });
      };
      const mayHaveLanded = (): Model[] => (expectation.verdict === 'refuse' ? [model] : action.kind === 'save' ? [model, taken()] : [model, taken(), broken(model), broken(taken()), ...cutShort()]);
      if (outcome.kind === 'acknowledged') {
        if (expectation.verdict === 'refuse') return [{ kind: 'accepted-forbidden', reason: `the app took "${describe(action)}" although ${expectation.why}` }];
        return [taken()];
      }
      if (outcome.kind === 'failed') return mayHaveLanded();
      const transient = outcome.code === 'unavailable' || (turbulent && (outcome.code === 'internal' || outcome.code === 'conflict'));
      if (transient) return mayHaveLanded();
      if (outcome.code === 'conflict' && (concurrent || action.kind === 'save')) {
        return expectation.verdict === 'accept' && !concurrent ? [{ kind: 'refused-allowed', reason: `the app refused "${describe(action)}" with a conflict although ${expectation.why}` }] : [model];
      }
      if (outcome.code === 'internal') return [{ kind: 'internal-error', reason: `"${describe(action)}" answered internal: ${outcome.message}` }];
      if (expectation.verdict === 'accept') return [{ kind: 'refused-allowed', reason: `the app refused "${describe(action)}" (${outcome.code}: ${outcome.message}) although ${expectation.why}` }];
      return [model];
    });
  }

  /** Replaces the candidates by what `next` makes of each; an empty result is a divergence naming every reason. */
  private filter(next: (model: Model) => (Model | Rejection)[]): void {
    const kept: Model[] = [];
    const rejected: Rejection[] = [];
    for (const model of this.candidates) {
      for (const result of next(model)) {
        if ('reason' in result) rejected.push(result);
        else kept.push(result);
      }
    }
    if (kept.length === 0) {
      const kinds = [...new Set(rejected.map((r) => r.kind))];
      throw new Divergence(kinds, [...new Set(rejected.map((r) => r.reason))].join('\n'));
    }
    this.candidates = dedupe(kept).slice(0, MAX_CANDIDATES);
  }

  // Observations and checks ------------------------------------------------------------------------------------------

  /**
   * After every step: the app's view of the touched tickets must fit a candidate; then, for each stage whose outcome
   * all candidates agree on, the validator must allow the transition exactly when the model says the stage passes, and
   * the summary must say what the records say.
   */
  private async conclude(steps: readonly (readonly [Action, Outcome])[], crashed = false, tampered: readonly Ticket[] = []): Promise<void> {
    const actions = steps.map(([action]) => action);
    const touched = new Set<Ticket>([...tampered, ...actions.flatMap((a) => (a.kind === 'save' ? [] : [a.ticket]))]);
    if (crashed || actions.some((a) => a.kind === 'save')) {
      touched.add(0);
      touched.add(1);
      await this.observeConfig();
    }
    const views = new Map<Ticket, AppView>();
    for (const ticket of touched) {
      const gate = await this.real.invoke(PM_EMAIL, 'getGate', {}, { issueKey: this.issueKey(ticket) });
      if (gate.kind !== 'acknowledged') throw new Divergence(['read-failed'], `getGate on ${this.issueKey(ticket)} answered ${JSON.stringify(gate)}`);
      views.set(ticket, appViewOf(gate.data, await this.auditTrail(ticket)));
    }
    this.filter((model) => {
      const reasons = [...views].flatMap(([ticket, view]) => inconsistencies(model, model.issues[ticket], view));
      return reasons.length === 0 ? [model] : reasons;
    });
    for (const model of this.candidates) {
      for (const [ticket, view] of views) {
        const issue = model.issues[ticket];
        if (issue) fillObserved(issue, view);
      }
    }
    // The summary: what the app's last write on a ticket must have left there; unknown while a write is in doubt.
    const written = new Map<Ticket, 'known' | 'doubtful'>();
    for (const [action, outcome] of steps) {
      const ticket = ticketOf(action);
      if (ticket === undefined) continue;
      const mayHaveWritten = outcome.kind === 'failed' || (outcome.kind === 'refused' && ['unavailable', 'internal', 'conflict'].includes(outcome.code));
      if (mayHaveWritten) written.set(ticket, 'doubtful');
      else if (outcome.kind === 'acknowledged' && written.get(ticket) !== 'doubtful') written.set(ticket, this.candidates.length > 1 ? 'doubtful' : 'known');
    }
    const now = this.siteNow();
    for (const [ticket, state] of written) {
      for (const model of this.candidates) {
        const issue = model.issues[ticket];
        if (!issue) continue;
        // The app judged the summary at some moment of the step: unknown when a lifetime ran out during it.
        const [atStart, atEnd] = [this.stepStart, now].map((at) => {
          model.now = at;
          return summaryOf(model, issue);
        });
        issue.summary = state === 'known' && canonical(atStart) === canonical(atEnd) ? atEnd : undefined;
        issue.summaryAt = now;
        issue.summaryTampered = false;
      }
    }
    await this.record([...touched], actions);
    await this.noticeRefresh();
    for (const ticket of touched) await this.checkTicket(ticket);
  }

  /** When the app's hourly refresh last ran, as this harness last saw it. */
  private lastRefresh: string | null | undefined;

  /**
   * The hourly refresh also runs in real time (every hour, not only when the clock steps move time): under rules that
   * change with time it may rewrite any ticket's summary from its records (tampered ones included), so each summary is
   * unknown again once it has run.
   */
  private async noticeRefresh(): Promise<void> {
    if (this.model.config.v2 === undefined) return;
    const ran = await this.real.lastScheduledRun(REFRESH_TRIGGER);
    if (this.lastRefresh !== undefined && ran !== this.lastRefresh) {
      for (const model of this.candidates) for (const issue of model.issues) issue.summary = undefined;
    }
    this.lastRefresh = ran;
  }

  /** The whole audit trail of a ticket, newest first, through the panel's getAudit resolver. */
  private async auditTrail(ticket: Ticket): Promise<AuditEntry[]> {
    const events: AuditEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.real.invoke(PM_EMAIL, 'getAudit', { limit: 100, ...(cursor !== undefined && { cursor }) }, { issueKey: this.issueKey(ticket) });
      if (page.kind !== 'acknowledged') throw new Divergence(['read-failed'], `getAudit on ${this.issueKey(ticket)} answered ${JSON.stringify(page)}`);
      const data = page.data as { events: AuditEntry[]; nextCursor?: string };
      events.push(...data.events);
      cursor = data.nextCursor;
    } while (cursor !== undefined);
    return events;
  }

  /** Keeps what the app wrote (its content) and every value a property has held (for replays). */
  private async record(tickets: readonly Ticket[], actions: readonly Action[] = []): Promise<void> {
    for (const ticket of tickets) {
      const properties = await this.real.properties(this.issueKey(ticket));
      for (const [key, value] of Object.entries(properties)) {
        const seen = this.history.get(`${ticket}:${key}`) ?? [];
        if (!seen.some((v) => canonical(v) === canonical(value))) seen.push(value);
        this.history.set(`${ticket}:${key}`, seen.slice(-8));
      }
      const keys = new Set(actions.filter((a) => ticketOf(a) === ticket).flatMap(writtenKeys));
      for (const model of this.candidates) {
        const issue = model.issues[ticket];
        if (!issue) continue;
        for (const key of keys) {
          if (untrusted(issue, key) || issue.retired.has(key)) continue;
          issue.appContent.set(key, Object.hasOwn(properties, key) ? canonical(properties[key]) : null);
        }
      }
    }
  }

  /**
   * A stage's gated transition went through: the issue-updated trigger records its pass (the records' verdict then),
   * which every candidate of a gated ticket now holds, trusted, with the content the app wrote.
   */
  private async passed(ticket: Ticket, stage: StageKey): Promise<void> {
    await this.real.drainEvents();
    const properties = await this.real.properties(this.issueKey(ticket));
    const contentOf = (key: string): string | null => (Object.hasOwn(properties, key) ? canonical(properties[key]) : null);
    if (gated(this.model, this.model.issues[ticket] as IssueModel)) this.figures.passes++;
    for (const model of this.candidates) {
      const issue = model.issues[ticket];
      if (!issue) continue;
      // The trigger first reopens the passes of stages the ticket now sits before (where the transition led).
      for (const key of applyReopen(model, issue, PASSED_STATUS[stage] ?? '')) issue.appContent.set(key, contentOf(key));
      // A ticket the gate does not apply to passes nothing: its transitions are not gated.
      if (!gated(model, issue)) continue;
      applyPass(model, issue, stage);
      issue.appContent.set(PROPERTY.pass(stage), contentOf(PROPERTY.pass(stage)));
    }
  }

  /**
   * The PM moves a ticket through a stage's gated transition and leaves it there (its pass then counts); or takes it
   * back to review by the workflow's way back (a real status-change event: the trigger reopens the passes of the stages
   * it now sits before); or the app's operator puts it back in review or forward into production with no event (a pass
   * not reopened counts again there; a reopened one does not).
   */
  async move(ticket: Ticket, to: MoveTarget): Promise<void> {
    this.figures.steps++;
    this.figures.moves++;
    const key = this.issueKey(ticket);
    this.stepStart = this.siteNow();
    if (to === 'reset' || to === 'forward') {
      const status = to === 'reset' ? REST_STATUS : (PASSED_STATUS['promote-to-prod'] ?? '');
      await this.real.setStatus(key, status);
      for (const model of this.candidates) (model.issues[ticket] as IssueModel).status = status;
    } else if (to === 'back') {
      if (this.model.issues[ticket]?.status !== BACK_TRANSITION.to) {
        const reply = await this.real.rest(PM_EMAIL, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: this.backTransitionId } });
        this.log.push(`  back to review ${reply.status}`);
        if (reply.status !== 204) throw new Error(`the way back to review answered ${reply.status}: ${JSON.stringify(reply.body)}`);
        await this.real.drainEvents();
        const properties = await this.real.properties(key);
        for (const model of this.candidates) {
          const issue = model.issues[ticket] as IssueModel;
          issue.status = BACK_TRANSITION.to;
          const reopened = applyReopen(model, issue, BACK_TRANSITION.to);
          if (model === this.model) this.figures.reopened += reopened.length;
          for (const reopenedKey of reopened) issue.appContent.set(reopenedKey, Object.hasOwn(properties, reopenedKey) ? canonical(properties[reopenedKey]) : null);
          issue.summary = undefined;
        }
      }
    } else {
      const stage = STAGES.find((s) => s.key === to);
      if (!stage) throw new Error(`no stage ${to}`);
      const before = this.siteNow();
      const reply = await this.transition(key, stage);
      const allowed = reply.status === 204;
      this.log.push(`  transition ${reply.status}`);
      // The validator judges the stage afresh (the ticket is before it) at some moment of the call: keep the candidates
      // whose verdict then was the one it gave.
      const after = Math.max(this.siteNow(), before + JUDGE_MARGIN_MS);
      this.filter((model) => {
        const issue = model.issues[ticket] as IssueModel;
        const verdicts = [before, after].map((now) => {
          model.now = now;
          return stagePasses(model, issue, to);
        });
        return verdicts.includes(allowed)
          ? [model]
          : [{ kind: allowed ? 'bypass' : 'false-block', reason: `${to} on ticket ${'AB'[ticket]} (${key}): the validator ${allowed ? 'allowed' : 'refused'} the transition, the model says the stage ${allowed ? 'is blocked' : 'passes'}.\n${explain(model, ticket, to)}` }];
      });
      this.judgeAt(before);
      if (allowed) {
        await this.passed(ticket, to);
        for (const model of this.candidates) {
          const issue = model.issues[ticket] as IssueModel;
          issue.status = PASSED_STATUS[to] ?? issue.status;
          issue.summary = undefined;
        }
      } else {
        await this.real.setStatus(key, this.model.issues[ticket]?.status ?? REST_STATUS);
      }
    }
    await this.conclude([], false, [ticket]);
  }

  /** The PM's gated transition of a stage, from the status it leaves (the operator puts the ticket there first, no event). */
  private async transition(key: string, stage: (typeof STAGES)[number]): Promise<Awaited<ReturnType<Real['rest']>>> {
    await this.real.setStatus(key, stage.from);
    return this.real.rest(PM_EMAIL, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: stage.transitionId } });
  }

  private async checkTicket(ticket: Ticket): Promise<void> {
    const key = this.issueKey(ticket);
    let moved = false;
    for (const stage of STAGES) {
      // The validator judges at some moment of the call: a lifetime running out within the margin leaves it undecided.
      const before = this.siteNow();
      const passes = this.agreed(before, before + JUDGE_MARGIN_MS, (model) => stagePasses(model, model.issues[ticket] as IssueModel, stage.key));
      if (passes === undefined) {
        this.figures.undecided++;
        continue;
      }
      this.figures.validatorChecks++;
      if (passes) this.figures.validatorPasses++;
      const reply = await this.transition(key, stage);
      const allowed = reply.status === 204;
      if (this.siteNow() > before + JUDGE_MARGIN_MS) throw new Error(`the validator of ${stage.key} took longer than the ${JUDGE_MARGIN_MS} ms the model judges over`);
      this.judgeAt(before);
      // The trigger records the pass while the ticket is where the transition led (back before the stage, it would not).
      if (allowed && passes) await this.passed(ticket, stage.key);
      await this.real.setStatus(key, this.model.issues[ticket]?.status ?? REST_STATUS);
      moved ||= allowed;
      if (allowed !== passes) {
        const message = ((reply.body as { errorMessages?: string[] } | undefined)?.errorMessages ?? []).join(' ');
        throw new Divergence(
          [allowed ? 'bypass' : 'false-block'],
          `${stage.key} on ticket ${'AB'[ticket]} (${key}): the validator ${allowed ? 'allowed the transition' : `refused it (${reply.status}: ${message})`}, the model says the stage ${passes ? 'passes' : 'is blocked'}.\n${explain(this.model, ticket, stage.key)}`,
        );
      }
    }
    if (moved) {
      // The trigger also wrote the summary, judged where the ticket then was: unknown until the next write.
      for (const model of this.candidates) {
        const issue = model.issues[ticket];
        if (issue) issue.summary = undefined;
      }
    }
    const expected = agreedSummary(this.candidates.map((model) => model.issues[ticket] as IssueModel));
    if (expected === undefined) return;
    // What the records said when the app wrote it: where a lifetime ran out since, the hourly refresh may rewrite it.
    const now = this.siteNow();
    const timeChanged = this.candidates.some((model) => {
      const issue = model.issues[ticket] as IssueModel;
      const [then, later] = [issue.summaryAt, now].map((at) => {
        model.now = at;
        return canonical(summaryOf(model, issue));
      });
      return then !== later;
    });
    this.judgeAt(now);
    if (timeChanged) return;
    this.figures.summaryChecks++;
    const summary = (await this.real.properties(key))[PROPERTY.summary] as { status?: string; overridden?: string[] } | undefined;
    const actual = { status: summary?.status, overridden: [...(summary?.overridden ?? [])].sort() };
    if (canonical(actual) !== canonical({ status: expected.status, overridden: [...expected.overridden].sort() })) {
      throw new Divergence(['summary'], `the summary of ticket ${'AB'[ticket]} says ${JSON.stringify(actual)}, the records say ${JSON.stringify(expected)}`);
    }
  }
}

/** The tickets earlier runs on a site created, which no model follows any more. */
const EARLIER_TICKETS = new WeakMap<Real, string[]>();

/**
 * Takes the tickets of earlier runs out of the app's hourly sweeps: without their summary property no JQL of the
 * refresh or the reminders finds them, so moving the clock by days costs what the current run's tickets cost, not what
 * every ticket of a long run would.
 */
async function retireEarlierTickets(real: Real): Promise<void> {
  for (const key of EARLIER_TICKETS.get(real) ?? []) {
    const reply = await real.rest(PM_EMAIL, 'DELETE', `/rest/api/3/issue/${key}/properties/${PROPERTY.summary}`);
    if (reply.status >= 300 && reply.status !== 404) throw new Error(`retiring ${key} answered ${reply.status}`);
  }
  EARLIER_TICKETS.set(real, []);
}

/** Puts every demo user back in exactly the groups the demo gives them (a run may have changed memberships). */
async function restoreMemberships(real: Real): Promise<void> {
  const managed = new Set(PEOPLE.flatMap((p) => p.groups).filter((g) => g.startsWith('golive-')));
  for (const person of PEOPLE) {
    const reply = await real.rest(ADMIN_EMAIL, 'GET', `/rest/api/3/user/groups?accountId=${encodeURIComponent(person.accountId)}`);
    if (reply.status !== 200) throw new Error(`reading the groups of ${person.email} answered ${reply.status}`);
    const now = new Set((reply.body as { name: string }[]).map((g) => g.name).filter((g) => managed.has(g)));
    for (const group of managed) {
      const wanted = person.groups.includes(group);
      if (wanted === now.has(group)) continue;
      const query = `groupname=${encodeURIComponent(group)}`;
      const changed = wanted
        ? await real.rest(ADMIN_EMAIL, 'POST', `/rest/api/3/group/user?${query}`, { accountId: person.accountId })
        : await real.rest(ADMIN_EMAIL, 'DELETE', `/rest/api/3/group/user?${query}&accountId=${encodeURIComponent(person.accountId)}`);
      if (changed.status >= 300) throw new Error(`restoring ${group} for ${person.email} answered ${changed.status}`);
    }
  }
}

export type TamperMode = 'delete' | 'random' | 'older' | 'copy' | 'forge' | 'restore';

/** A value that looks like the app's record with one thing changed: what a forger with edit rights would try. */
function forge(value: unknown, pick: number, otherIssueId: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { forged: value ?? true };
  const record = { ...(value as Record<string, unknown>) };
  const edits: ((r: Record<string, unknown>) => void)[] = [
    (r) => {
      r['decision'] = 'approved';
    },
    (r) => {
      r['by'] = 'acc-cee';
    },
    (r) => {
      r['covers'] = {};
    },
    (r) => {
      r['issueId'] = otherIssueId;
    },
    (r) => {
      r['values'] = { capacity: 5000, velocity: 50 };
    },
    (r) => {
      r['at'] = new Date(Date.now() + 86_400_000).toISOString();
    },
    (r) => {
      r['status'] = 'ready';
    },
  ];
  edits[pick % edits.length]?.(record);
  return record;
}

/** Why a candidate does not fit what the app shows for one ticket (empty when it fits). */
function inconsistencies(model: Model, issue: IssueModel | undefined, view: AppView): Rejection[] {
  if (!issue) return [];
  const out: Rejection[] = [];
  const compare = (propertyKey: string, expected: string | undefined, actual: string | undefined, what: string): void => {
    if (issue.retired.has(propertyKey) || issue.tampered.has(propertyKey)) return;
    if (issue.broken.has(propertyKey)) {
      if (!view.unverified.has(propertyKey)) out.push({ kind: 'lost-write', reason: `${what} on ${issue.key} may have been left half-written, but the app trusts it` });
      return;
    }
    if (view.unverified.has(propertyKey)) {
      out.push({ kind: 'own-record-unverified', reason: `the app's own ${what} on ${issue.key} (${propertyKey}) is unverified although nobody changed it` });
      return;
    }
    if (expected !== actual) {
      out.push({ kind: expected !== undefined ? 'lost-write' : 'accepted-forbidden', reason: `${what} on ${issue.key}: the app holds ${actual ?? 'nothing'}, the acknowledged writes say ${expected ?? 'nothing'}` });
    }
  };
  for (const team of model.config.teams.keys()) {
    const propertyKey = PROPERTY.team(team);
    const claim = newestDecisionEvent(view.audit, team, propertyKey);
    if (claim && (claim.outcome === undefined || claim.outcome === 'applied') && !issue.tampered.has(propertyKey) && !issue.retired.has(propertyKey)) {
      const decision = issue.decisions.get(team);
      if (issue.broken.has(propertyKey)) out.push({ kind: 'audit', reason: `the audit trail of ${issue.key} says "${claim.detail}" was applied, but that record does not count` });
      else if (!decision || decision.by !== claim.actor || !claim.detail.includes(decision.kind)) {
        out.push({ kind: 'audit', reason: `the audit trail of ${issue.key} says "${claim.detail}" (by ${claim.actor}) was applied, where the gate's record is ${decision ? `${decision.kind} by ${decision.by}` : 'none'}` });
      }
    }
    const decision = issue.decisions.get(team);
    const shown = view.decisions.get(team);
    compare(
      PROPERTY.team(team),
      decision && `${decision.kind} by ${decision.by}${decision.at ? ` at ${decision.at}` : ''}`,
      shown && `${shown.kind} by ${shown.by}${decision?.at ? ` at ${shown.at}` : ''}`,
      `${team}'s decision`,
    );
  }
  // Gate model v2: every approver's decision per stage, as acknowledged, and nothing the app did not acknowledge.
  const stageKeys = new Set([...issue.stageDecisions.keys(), ...view.stageDecisions.keys()]);
  for (const id of stageKeys) {
    const [stage = '', team = '', by = ''] = id.split('.');
    const propertyKey = PROPERTY.decision(stage, team, by);
    const decision = issue.stageDecisions.get(id);
    const claim = newestEventOf(view.audit, propertyKey);
    if (claim && (claim.outcome === undefined || claim.outcome === 'applied') && !issue.tampered.has(propertyKey)) {
      if (issue.broken.has(propertyKey)) out.push({ kind: 'audit', reason: `the audit trail of ${issue.key} says "${claim.detail}" was applied, but that record does not count` });
      else if (!decision || decision.by !== claim.actor || !claim.detail.includes(decision.kind)) {
        out.push({ kind: 'audit', reason: `the audit trail of ${issue.key} says "${claim.detail}" (by ${claim.actor}) was applied, where the gate's record is ${decision ? `${decision.kind} by ${decision.by}` : 'none'}` });
      }
    }
    const shown = view.stageDecisions.get(id);
    compare(propertyKey, decision && `${decision.kind} by ${decision.by}`, shown && `${shown.kind} by ${shown.by}`, `${team}'s decision at ${stage} by ${by}`);
  }
  compare(PROPERTY.numbers, issue.numbers && canonical(issue.numbers), view.numbers && canonical(view.numbers), 'the numbers');
  const answersShown = model.config.v2 === undefined ? view.answers : view.itemAnswers;
  compare(PROPERTY.answers, issue.answers && canonical(issue.answers), answersShown && canonical(answersShown), 'the answers');
  for (const stage of model.config.stages.keys()) {
    compare(PROPERTY.override(stage), issue.overrides.get(stage)?.by, view.overrides.get(stage)?.by, `the override of ${stage}`);
  }
  // Passes: a stage the app judges passed is one whose recorded pass counts (verified, the ticket not back before it).
  if (view.passed !== undefined) {
    const expected = passedStages(model, issue).sort().join(',');
    const shown = [...view.passed].sort().join(',');
    if (expected !== shown) out.push({ kind: 'pass', reason: `the app judges ${shown || 'no stage'} passed on ${issue.key} (at ${issue.status}), the recorded passes say ${expected || 'none'}` });
  }
  return out;
}

/** The newest audit event about a team's decision: the highest sequence of its record, else the first listed (newest). */
function newestDecisionEvent(audit: readonly AuditEntry[], team: string, propertyKey: string): AuditEntry | undefined {
  const about = audit.filter((e) => e.propertyKey === propertyKey || (e.propertyKey === undefined && e.team === team && (e.action === 'decide' || e.action === 'repair')));
  const sequenced = about.filter((e) => e.seq !== undefined);
  if (sequenced.length > 0) return sequenced.reduce((newest, e) => ((e.seq ?? 0) > (newest.seq ?? 0) ? e : newest));
  return about[0];
}

/** The newest audit event of one record: the highest sequence of its key. */
function newestEventOf(audit: readonly AuditEntry[], propertyKey: string): AuditEntry | undefined {
  const about = audit.filter((e) => e.propertyKey === propertyKey && e.seq !== undefined);
  return about.length === 0 ? undefined : about.reduce((newest, e) => ((e.seq ?? 0) > (newest.seq ?? 0) ? e : newest));
}

/** Fills in what only the app knows (when a decision was made), once the candidate fits the app. */
function fillObserved(issue: IssueModel, view: AppView): void {
  for (const [team, decision] of issue.decisions) {
    const shown = view.decisions.get(team);
    if (decision.at === undefined && shown !== undefined && !untrusted(issue, PROPERTY.team(team))) issue.decisions.set(team, { ...decision, at: shown.at });
  }
  // Gate model v2: lifetimes run from when the app says a decision or waiver was given (the model only estimated it).
  for (const [id, decision] of issue.stageDecisions) {
    const shown = view.stageDecisions.get(id);
    if (shown !== undefined && shown.at !== decision.at && shown.by === decision.by && shown.kind === decision.kind && !untrusted(issue, PROPERTY.decision(decision.stage, decision.team, decision.by))) {
      issue.stageDecisions.set(id, { ...decision, at: shown.at });
    }
  }
  for (const [id, waiver] of issue.waivers) {
    const shown = view.waivers.get(id);
    const [kind = '', ...key] = id.split('.');
    if (shown !== undefined && shown.at !== waiver.at && shown.by === waiver.by && !untrusted(issue, PROPERTY.waiverOf({ kind: kind as WaiverTargetModel['kind'], key: key.join('.') }))) {
      issue.waivers.set(id, { ...waiver, at: shown.at });
    }
  }
}

function agreedSummary(issues: readonly IssueModel[]): SummaryExpectation | undefined {
  const [first] = issues;
  if (!first?.summary || issues.some((issue) => issue.summaryTampered || !issue.summary || canonical(issue.summary) !== canonical(first.summary))) return undefined;
  return first.summary;
}

function dedupe(models: readonly Model[]): Model[] {
  const seen = new Set<string>();
  return models.filter((model) => {
    const key = fingerprint(model);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The moments (site time) at which an approval or a waiver the model holds runs out at a stage (`only`, if given). */
function lifetimeEnds(model: Model, only?: string): number[] {
  const v2 = model.config.v2;
  if (v2 === undefined) return [];
  const ends: number[] = [];
  for (const issue of model.issues) {
    for (const d of issue.stageDecisions.values()) {
      if (d.kind !== 'approved' || d.at === undefined) continue;
      // At its own stage and at every stage that carries it over, each by its own lifetime.
      const stages = [d.stage, ...[...v2.carryOver].filter(([, from]) => from.includes(d.stage)).map(([stage]) => stage)];
      for (const stage of stages) {
        if (only !== undefined && stage !== only) continue;
        const days = v2.approvalLifetimeDays.get(stage);
        if (days !== undefined) ends.push(Date.parse(d.at) + days * DAY_MS);
      }
    }
    for (const waiver of issue.waivers.values()) {
      if (waiver.at === undefined) continue;
      for (const [stage, days] of v2.waiverLifetimeDays) if (only === undefined || stage === only) ends.push(Date.parse(waiver.at) + days * DAY_MS);
    }
  }
  return ends;
}

/** What the model holds for a ticket, for a divergence message. */
function explain(model: Model, ticket: Ticket, stage: StageKey): string {
  const issue = model.issues[ticket];
  if (!issue) return '';
  const spec = model.config.stages.get(stage);
  const decisions = (spec?.teams ?? []).map((team) => {
    const d = issue.decisions.get(team);
    const flags = [issue.tampered.has(PROPERTY.team(team)) && 'tampered', issue.broken.has(PROPERTY.team(team)) && 'broken'].filter(Boolean).join(',');
    return `${team}=${d ? `${d.kind}:${d.by}` : '-'}${flags ? `(${flags})` : ''}`;
  });
  const numbers = `numbers=${JSON.stringify(issue.numbers ?? null)}${untrusted(issue, PROPERTY.numbers) ? '(untrusted)' : ''}`;
  const override = issue.overrides.get(stage);
  if (model.config.v2 !== undefined) {
    const teams = (spec?.teams ?? []).map((team) => `${team}:${teamPassesV2(model, issue, stage, team, true) ? 'ok' : 'blocks'}`);
    const stageDecisions = [...issue.stageDecisions].map(([id, d]) => `${id}=${d.kind}${untrusted(issue, PROPERTY.decision(d.stage, d.team, d.by)) ? '(untrusted)' : ''}`);
    const doubtful = [...issue.tampered, ...issue.broken].join(',');
    return `model (v2, ${gated(model, issue) ? 'gated' : 'not gated'}): ${teams.join(' ')} | decisions ${stageDecisions.join(' ')} | answers=${JSON.stringify(issue.answers ?? null)} by ${JSON.stringify(issue.answeredBy ?? null)} | ${numbers} | in doubt: ${doubtful || '-'} | override=${override ? override.by : '-'} config v${model.version}`;
  }
  return `model: ${decisions.join(' ')} ${numbers} override=${override ? `${override.by}${untrusted(issue, PROPERTY.override(stage)) ? '(untrusted)' : ''}` : '-'} config v${model.version}`;
}
