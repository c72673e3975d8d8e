import type { ConfigView, ResolverResult } from '../../src/contract';
import { REMINDERS_OFF } from '../../src/gate/reminder-defaults';
import { templateConfig } from '../../src/gate/templates';
import type { GateConfigV2 } from '../../src/gate/v2/config';
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

/**
 * The second demo project: the v2 Kubernetes PRR template on KEP, applied as the settings page applies it, so the owning
 * SIG's approvers come from the ticket's Owning SIG select (`sig-node` → `golive-sig-node`; KEP-1 and KEP-2 are SIG Node's).
 */
export const DEMO_KEP_APP_SEED = { projectKey: 'KEP', admin: 'acc-admin', template: 'kubernetes-prr' } as const;

const approverOf = (teamKey: string): string => `acc-${teamKey}`;

interface AppSeeding {
  readonly settingsModule: string;
  readonly panelModule: string;
  readonly call: <T>(accountId: string, request: InvokeRequest) => Promise<T>;
  /**
   * Saves a template's configuration as gate model v1 wrote it, as SKU's demo always was (the template as version 1,
   * then with reminders off as version 2, unless `options.reminders`: the demo's data is old news to nobody), so the
   * versions its records name stay the same; answers the saved configuration. SKU's seeded records (ticket-wide
   * decisions) are v1's; the settings page's Apply template gives the v2 add-on template (README walks through it).
   */
  readonly saveV1Template: (projectKey: string, admin: string, template: string) => Promise<ConfigView>;
  /**
   * Applies a v2 template as the settings page's Apply template does (its ticket fields mapped by name to the site's:
   * the Owning SIG select) as version 1, then saves it with reminders off as version 2 unless `options.reminders`.
   */
  readonly applyV2Template: (projectKey: string, admin: string, template: string) => Promise<GateConfigV2>;
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
  const save = (projectKey: string, admin: string, config: unknown): Promise<ConfigView> =>
    call<ConfigView>(admin, { moduleKey: settingsModule, functionKey: 'saveConfig', payload: { config }, context: { projectKey } });
  const v2Of = ({ configV2 }: ConfigView, projectKey: string): GateConfigV2 => {
    if (configV2 === undefined) throw new Error(`the settings page answered no configuration for ${projectKey}`);
    return configV2;
  };
  return {
    settingsModule,
    panelModule,
    call,
    saveV1Template: async (projectKey, admin, key) => {
      const template = templateConfig(key);
      if (template === undefined) throw new Error(`no template ${key}`);
      const first = (await save(projectKey, admin, template)).config;
      if (first === undefined) throw new Error(`saveConfig answered no configuration for ${projectKey}`);
      return save(projectKey, admin, options.reminders === true ? first : { ...first, stages: first.stages.map((stage) => ({ ...stage, reminders: REMINDERS_OFF })) });
    },
    applyV2Template: async (projectKey, admin, template) => {
      const applied = v2Of(await call<ConfigView>(admin, { moduleKey: settingsModule, functionKey: 'applyTemplate', payload: { template }, context: { projectKey } }), projectKey);
      const config = options.reminders === true ? applied : { ...applied, stages: applied.stages.map((stage) => ({ ...stage, reminders: REMINDERS_OFF })) };
      return v2Of(await save(projectKey, admin, config), projectKey);
    },
  };
}

/** The KEP project's app data: the v2 Kubernetes PRR template, its groups already on the site. Throws when the app refuses. */
export async function seedDemoKepApp(runtime: ForgeRuntime, options: DemoSeedOptions = {}): Promise<void> {
  await appSeeding(runtime, options).applyV2Template(DEMO_KEP_APP_SEED.projectKey, DEMO_KEP_APP_SEED.admin, DEMO_KEP_APP_SEED.template);
}

/** Runs the seed; throws (with the failing resolver's message) when the app refuses a step. */
export async function seedDemoApp(runtime: ForgeRuntime, options: DemoSeedOptions = {}): Promise<void> {
  const { call, saveV1Template, panelModule } = appSeeding(runtime, options);
  const { config } = await saveV1Template(DEMO_APP_SEED.projectKey, DEMO_APP_SEED.admin, DEMO_APP_SEED.template);
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
