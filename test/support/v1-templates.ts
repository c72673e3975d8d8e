// Gate model v1's templates, as v1 stored them: no longer shipped (Apply template gives model v2's, src/gate/v2/templates.ts).
// Tests use them as v1 configurations: migration, parity, and the v1 rules v2 still honours.
import type { GateConfig, GateConfigInput, QuestionSchema } from '../../src/gate/config';
import { GateConfigSchema } from '../../src/gate/config';
import { PRR_QUESTIONNAIRE } from '../../src/gate/prr-questionnaire';
import type { z } from 'zod/mini';

// The two seed templates as gate model v1 wrote them: what the demo projects are seeded with (their records were made
// for these), what the reference model follows, and the configuration tests of data written by model v1 start from.
// The settings page offers the v2 templates (src/gate/v2/templates.ts).

const group = (teamKey: string): string[] => [`golive-${teamKey}`];

/** Seed 000, "Gating for Production": twelve teams in three areas plus the dev team, two stages, capacity and velocity. */
const managedAddon: GateConfigInput = {
  template: 'managed-addon',
  teams: [
    {
      key: 'layered-sre',
      name: 'Layered SRE',
      area: 'service-support',
      groups: group('layered-sre'),
      description:
        'If present: payload consistency and policy for upgrades, testing, supportability, escalation paths + IMS; complements the Managed Tenants SRE scope, but does not replace it',
    },
    { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: group('sre-p'), description: "OSD/ROSA 3-R's; agrees on capacity and velocity numbers" },
    { key: 'cee', name: 'CEE', area: 'service-support', groups: group('cee'), description: 'SBR & context + Docs + IMS' },
    { key: 'osd-e2e', name: 'OSD e2e', area: 'service-support', groups: group('osd-e2e'), description: 'For CD Signal: passing thorough testing via OSD e2e' },
    { key: 'osd-sre', name: 'OSD SRE', area: 'service-support', groups: group('osd-sre'), description: 'Ensure OSD sanity' },
    { key: 'platform-payload', name: 'Platform & Payload', area: 'service-support', groups: group('platform-payload'), description: 'Platform and payload' },
    { key: 'osd-rosa-pm', name: 'OSD/ROSA PM', area: 'pm-biz', groups: group('osd-rosa-pm'), description: 'OSD / ROSA product management' },
    { key: 'ocm-pm', name: 'OCM PM', area: 'pm-biz', groups: group('ocm-pm'), description: 'OCM product management' },
    { key: 'addon-pm', name: 'Addon/Product PM', area: 'pm-biz', groups: group('addon-pm'), description: 'Addon / Product product management' },
    { key: 'servicedev-a', name: 'ServiceDev A', area: 'spec-technical', groups: group('servicedev-a'), description: 'UX & CS' },
    { key: 'servicedev-b', name: 'ServiceDev B', area: 'spec-technical', groups: group('servicedev-b'), description: 'SKU, Quota, rBac - AMS' },
    {
      key: 'mt-sre',
      name: 'Managed Tenants SRE',
      area: 'spec-technical',
      groups: group('mt-sre'),
      description: 'Consistency & Policy for payload delivery, upgrades, testing',
    },
    { key: 'dev-team', name: 'Dev team', area: 'engineering', groups: group('dev-team'), description: 'Signs off on content being consumed' },
  ],
  stages: [
    { key: 'promote-to-prod', name: 'Promote to prod', fromStatus: 'In Review', requiredTeams: ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team'] },
    {
      key: 'go-live',
      name: 'Go live',
      fromStatus: 'In Production',
      requiredTeams: [
        'layered-sre',
        'sre-p',
        'cee',
        'osd-e2e',
        'osd-sre',
        'platform-payload',
        'osd-rosa-pm',
        'ocm-pm',
        'addon-pm',
        'servicedev-a',
        'servicedev-b',
        'mt-sre',
        'dev-team',
      ],
      requiredNumbers: ['capacity', 'velocity'],
    },
  ],
  numbers: [
    { key: 'capacity', label: 'Capacity', unit: 'customers', integer: true, min: 1, signedOffBy: 'sre-p' },
    { key: 'velocity', label: 'Velocity', unit: 'new customers / week', integer: true, min: 0, signedOffBy: 'sre-p' },
  ],
  policies: { reporterMayApprove: false, onePersonOneTeam: true, overrideGroups: ['golive-overriders'] },
};

type QuestionInput = z.input<typeof QuestionSchema>;

/** Builds one questionnaire section, every question reviewed by the PRR team. */
function section(name: string, requiredFor: readonly string[], questions: readonly (readonly [key: string, text: string])[]): QuestionInput[] {
  return questions.map(([key, text]) => ({ key, section: name, text, requiredFor: [...requiredFor], reviewedBy: 'prr' }));
}

/** Seed 003, "Production Readiness Review": the questionnaire grows with the feature's maturity. */
const kubernetesPrr: GateConfigInput = {
  template: 'kubernetes-prr',
  teams: [
    { key: 'owning-sig', name: 'Owning SIG', area: 'engineering', groups: group('owning-sig'), description: 'The SIG that owns the enhancement (KEP)' },
    {
      key: 'prr',
      name: 'PRR team',
      area: 'review',
      groups: group('prr'),
      description: 'Production readiness reviewers: the feature is supportable, can be operated safely and can be disabled or rolled back',
    },
  ],
  stages: [
    { key: 'alpha', name: 'Alpha', fromStatus: 'Provisional', requiredTeams: ['owning-sig', 'prr'] },
    { key: 'beta', name: 'Beta', fromStatus: 'Alpha', requiredTeams: ['owning-sig', 'prr'] },
    { key: 'ga', name: 'GA', fromStatus: 'Beta', requiredTeams: ['owning-sig', 'prr'] },
  ],
  questions: [
    ...PRR_QUESTIONNAIRE.flatMap(({ name, requiredFor, questions }) => section(name, requiredFor, questions)),
  ],
};

const CONFIGS: Readonly<Record<string, GateConfigInput>> = { 'managed-addon': managedAddon, 'kubernetes-prr': kubernetesPrr };

/**
 * A fresh, validated copy of a template's configuration (version 0), or undefined for an unknown key.
 *
 * @example
 * templateConfig('managed-addon')?.stages.map((s) => s.key) // ['promote-to-prod', 'go-live']
 * templateConfig('nope') // undefined
 */
export function templateConfig(key: string): GateConfig | undefined {
  const input = Object.hasOwn(CONFIGS, key) ? CONFIGS[key] : undefined;
  return input === undefined ? undefined : GateConfigSchema.parse(input);
}
