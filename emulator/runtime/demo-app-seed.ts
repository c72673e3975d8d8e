import type { ConfigView, ResolverResult } from '../../src/contract';
import { REMINDERS_OFF } from '../../src/gate/reminder-defaults';
import type { GateConfigV2, Item } from '../../src/gate/v2/config';
import type { ForgeRuntime, InvokeRequest } from './forge-runtime';

/**
 * The demo's app-side data, made through the app's own resolvers as the demo users would make it (so every record is
 * one the app wrote: per stage and approver, with its tamper-evident KVS head): the v2 managed add-on template on SKU.
 * On SKU-2 the PM answered the promote-to-prod checklist and half of the go-live teams every ticket needs agreed, each
 * at every stage that requires it: promote to prod waits on Managed Tenants SRE and the dev team, go live on the rest.
 * On SKU-3 and SKU-4 the PM answered every item and recorded the numbers, then every team agreed at each of its stages
 * and Layered SRE (required only where present) marked itself not applicable with a reason: both stages are ready.
 * Demo users follow the site's convention: the approver of team `<key>` is `acc-<key>`.
 */
export const DEMO_APP_SEED = {
  projectKey: 'SKU',
  admin: 'acc-admin',
  /** The reporter of every demo ticket: records the numbers and answers, so no approver signs off their own (separation of duties). */
  author: 'acc-pm',
  template: 'managed-addon',
  goLiveStage: 'go-live',
  halfApproved: ['SKU-2'],
  fullyApproved: ['SKU-3', 'SKU-4'],
} as const;

/** The second demo project: the v2 Kubernetes PRR template on KEP, its owning SIG read from the ticket's Owning SIG select. */
export const DEMO_KEP_APP_SEED = { projectKey: 'KEP', admin: 'acc-admin', template: 'kubernetes-prr' } as const;

const approverOf = (teamKey: string): string => `acc-${teamKey}`;

interface AppSeeding {
  readonly panelModule: string;
  readonly call: <T>(accountId: string, request: InvokeRequest) => Promise<T>;
  /**
   * Applies a v2 template as the settings page's Apply template does (its ticket fields mapped by name to the site's:
   * the Owning SIG select), as version 1, then saves it with reminders off as version 2 (unless `options.reminders`: the
   * demo's data is old news to nobody); answers the saved configuration.
   */
  readonly applyTemplate: (projectKey: string, admin: string, template: string) => Promise<GateConfigV2>;
}

/** How the demo is seeded: `reminders` keeps the templates' reminder defaults (SITE_DEMO_REMINDERS=on). */
export interface DemoSeedOptions {
  readonly reminders?: boolean | undefined;
}

function appSeeding(runtime: ForgeRuntime, options: DemoSeedOptions): AppSeeding {
  const modules = [...runtime.manifest.modules.values()];
  const settingsModule = modules.find((m) => m.type === 'jira:projectSettingsPage' && m.resolverFunction)?.key;
  const panelModule = modules.find((m) => m.type === 'jira:issuePanel' && m.resolverFunction)?.key;
  if (!settingsModule || !panelModule) throw new Error('manifest.yml has no settings page or issue panel with a resolver');
  const call = async <T>(accountId: string, request: InvokeRequest): Promise<T> => {
    const answer = (await runtime.invoke(accountId, request)) as ResolverResult<T>;
    if (!answer.ok) throw new Error(`${request.functionKey} as ${accountId} was refused: ${answer.error.message}`);
    return answer.data;
  };
  const settings = async (projectKey: string, admin: string, functionKey: string, payload: unknown): Promise<GateConfigV2> => {
    const { configV2 } = await call<ConfigView>(admin, { moduleKey: settingsModule, functionKey, payload, context: { projectKey } });
    if (configV2 === undefined) throw new Error(`${functionKey} answered no configuration for ${projectKey}`);
    return configV2;
  };
  return {
    panelModule,
    call,
    applyTemplate: async (projectKey, admin, template) => {
      const applied = await settings(projectKey, admin, 'applyTemplate', { template });
      const config = options.reminders === true ? applied : { ...applied, stages: applied.stages.map((stage) => ({ ...stage, reminders: REMINDERS_OFF })) };
      return settings(projectKey, admin, 'saveConfig', { config });
    },
  };
}

/** The KEP project's app data: the v2 Kubernetes PRR template, its groups already on the site. Throws when the app refuses. */
export async function seedDemoKepApp(runtime: ForgeRuntime, options: DemoSeedOptions = {}): Promise<void> {
  await appSeeding(runtime, options).applyTemplate(DEMO_KEP_APP_SEED.projectKey, DEMO_KEP_APP_SEED.admin, DEMO_KEP_APP_SEED.template);
}

/** Runs the seed; throws (with the failing resolver's message) when the app refuses a step. */
export async function seedDemoApp(runtime: ForgeRuntime, options: DemoSeedOptions = {}): Promise<void> {
  const { call, applyTemplate, panelModule } = appSeeding(runtime, options);
  const config = await applyTemplate(DEMO_APP_SEED.projectKey, DEMO_APP_SEED.admin, DEMO_APP_SEED.template);
  const panel = (accountId: string, issueKey: string, functionKey: string, payload: unknown): Promise<unknown> =>
    call(accountId, { moduleKey: panelModule, functionKey, payload, context: { issueKey } });
  // Each approver's own decision at every stage that requires the team (one record per stage), as the panel's
  // "approve several stages at once" writes it: SRE-P's promote-to-prod sign-off and its go-live one are two records.
  const approve = (issueKey: string, team: string): Promise<unknown> =>
    panel(approverOf(team), issueKey, 'decide', { team, decision: 'approve', comment: 'LGTM (demo)', stages: stagesRequiring(config, team) });

  // The teams every ticket needs; a team that applies only where present (Layered SRE) is not required on these.
  const everywhere = new Set(config.teams.filter((team) => team.applies.when === 'always').map((team) => team.key));
  const goLive = config.stages.find((stage) => stage.key === DEMO_APP_SEED.goLiveStage) ?? config.stages.at(-1);
  const goLiveTeams = goLive?.teams.map(({ team }) => team).filter((team) => everywhere.has(team)) ?? [];
  const answer = (issueKey: string, items: readonly Item[]): Promise<unknown> => panel(DEMO_APP_SEED.author, issueKey, 'answerItems', { answers: Object.fromEntries(items.map((item) => [item.key, demoAnswer(item)])) });
  const firstStage = config.stages[0]?.key ?? '';
  for (const issueKey of DEMO_APP_SEED.halfApproved) {
    // The first stage's checklist is done, so it waits on its teams alone.
    await answer(issueKey, config.items.filter((item) => item.requiredFor.includes(firstStage)));
    for (const team of goLiveTeams.slice(0, Math.ceil(goLiveTeams.length / 2))) await approve(issueKey, team);
  }
  for (const issueKey of DEMO_APP_SEED.fullyApproved) {
    // The author's numbers and answers first: the approval of the team that signs each off covers the recorded value.
    const values = Object.fromEntries(config.numbers.map((spec) => [spec.key, demoValue(spec)]));
    if (config.numbers.length > 0) await panel(DEMO_APP_SEED.author, issueKey, 'recordNumbers', { values });
    if (config.items.length > 0) await answer(issueKey, config.items);
    for (const team of config.teams) {
      if (everywhere.has(team.key)) await approve(issueKey, team.key);
      else await panel(approverOf(team.key), issueKey, 'waive', { target: { kind: 'team', key: team.key }, reason: `No ${team.name} team runs this add-on (demo)` });
    }
  }
}

/** The keys of the stages that require a team, in order. */
function stagesRequiring(config: GateConfigV2, team: string): string[] {
  return config.stages.filter((stage) => stage.teams.some((entry) => entry.team === team)).map((stage) => stage.key);
}

/**
 * A valid value for a number: the middle of its range.
 *
 * @example
 * demoValue({ integer: true, min: 1 }) // 101
 */
export function demoValue(spec: { readonly integer?: boolean | undefined; readonly min?: number | undefined; readonly max?: number | undefined }): number {
  const min = spec.min ?? 0;
  const max = spec.max ?? min + 200;
  const middle = min + (max - min) / 2;
  return spec.integer === true ? Math.round(middle) : middle;
}

/**
 * A valid answer for an item of each kind: a ticked box, the first option, a link, a number in range, a sentence.
 *
 * @example
 * demoAnswer({ key: 'release-request', section: 'Go-live signal', text: 'The release merge request', kind: 'link', requiredFor: [] }) // 'https://example.com/demo/release-request'
 */
export function demoAnswer(item: Item): string | boolean | number {
  switch (item.kind) {
    case 'checkbox':
      return true;
    case 'choice':
      return item.options?.[0] ?? 'yes';
    case 'link':
      return `https://example.com/demo/${item.key}`;
    case 'number':
      return demoValue(item);
    case 'text':
      return `Demo answer: ${item.text.slice(0, 60)}`;
  }
}
