import type { ConfigView, ResolverResult } from '../../src/contract';
import { REMINDERS_OFF } from '../../src/gate/reminder-defaults';
import type { ForgeRuntime, InvokeRequest } from './forge-runtime';

/**
 * The demo's app-side data, made through the app's own resolvers as the demo users would make it
 * (so every record carries the app's digests): the managed add-on template on SKU, half of the go-live teams
 * agreeing on SKU-2, every team agreeing with numbers recorded on SKU-3 and SKU-4.
 * Demo users follow the site's convention: the approver of team `<key>` is `acc-<key>`.
 */
export const DEMO_APP_SEED = {
  projectKey: 'SKU',
  admin: 'acc-admin',
  template: 'managed-addon',
  goLiveStage: 'go-live',
  halfApproved: ['SKU-2'],
  fullyApproved: ['SKU-3', 'SKU-4'],
} as const;

/** The second demo project: the Kubernetes production readiness review template on KEP. */
export const DEMO_KEP_APP_SEED = { projectKey: 'KEP', admin: 'acc-admin', template: 'kubernetes-prr' } as const;

const approverOf = (teamKey: string): string => `acc-${teamKey}`;

interface AppSeeding {
  readonly settingsModule: string;
  readonly panelModule: string;
  readonly call: <T>(accountId: string, request: InvokeRequest) => Promise<T>;
  /**
   * Applies a template to the project and saves it, as its admin does on the settings page; answers the saved
   * configuration. Reminders are off on every stage unless `options.reminders` (the demo's data is old news to nobody).
   */
  readonly applyTemplate: (projectKey: string, admin: string, template: string) => Promise<ConfigView['config']>;
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
  return {
    settingsModule,
    panelModule,
    call,
    applyTemplate: async (projectKey, admin, template) => {
      const project = { projectKey };
      const applied = await call<ConfigView>(admin, { moduleKey: settingsModule, functionKey: 'applyTemplate', payload: { template }, context: project });
      const config = applied.config === undefined || options.reminders === true ? applied.config : { ...applied.config, stages: applied.config.stages.map((stage) => ({ ...stage, reminders: REMINDERS_OFF })) };
      return (await call<ConfigView>(admin, { moduleKey: settingsModule, functionKey: 'saveConfig', payload: { config }, context: project })).config;
    },
  };
}

/** The KEP project's app data: the Kubernetes PRR template, its groups already on the site. Throws when the app refuses. */
export async function seedDemoKepApp(runtime: ForgeRuntime, options: DemoSeedOptions = {}): Promise<void> {
  await appSeeding(runtime, options).applyTemplate(DEMO_KEP_APP_SEED.projectKey, DEMO_KEP_APP_SEED.admin, DEMO_KEP_APP_SEED.template);
}

/** Runs the seed; throws (with the failing resolver's message) when the app refuses a step. */
export async function seedDemoApp(runtime: ForgeRuntime, options: DemoSeedOptions = {}): Promise<void> {
  const { call, applyTemplate, panelModule } = appSeeding(runtime, options);
  const config = await applyTemplate(DEMO_APP_SEED.projectKey, DEMO_APP_SEED.admin, DEMO_APP_SEED.template);
  if (!config) throw new Error('saveConfig answered no configuration');

  const decide = (issueKey: string, team: string): Promise<unknown> =>
    call(approverOf(team), { moduleKey: panelModule, functionKey: 'decide', payload: { team, decision: 'approve', comment: 'LGTM (demo)' }, context: { issueKey } });

  const goLive = config.stages.find((stage) => stage.key === DEMO_APP_SEED.goLiveStage) ?? config.stages.at(-1);
  const goLiveTeams = goLive?.requiredTeams ?? [];
  for (const issueKey of DEMO_APP_SEED.halfApproved) {
    for (const team of goLiveTeams.slice(0, Math.ceil(goLiveTeams.length / 2))) await decide(issueKey, team);
  }
  for (const issueKey of DEMO_APP_SEED.fullyApproved) {
    // Numbers first: the approval of the team that signs them off covers the recorded values.
    for (const signer of new Set(config.numbers.map((spec) => spec.signedOffBy))) {
      const values = Object.fromEntries(config.numbers.filter((spec) => spec.signedOffBy === signer).map((spec) => [spec.key, demoValue(spec)]));
      await call(approverOf(signer), { moduleKey: panelModule, functionKey: 'recordNumbers', payload: { values }, context: { issueKey } });
    }
    for (const team of config.teams) await decide(issueKey, team.key);
  }
}

/** A valid value for a number spec: the middle of its range. */
function demoValue(spec: { integer: boolean; min?: number | undefined; max?: number | undefined }): number {
  const min = spec.min ?? 0;
  const max = spec.max ?? min + 200;
  const middle = min + (max - min) / 2;
  return spec.integer ? Math.round(middle) : middle;
}
