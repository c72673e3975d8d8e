import type { Condition, GateConfigV2, GateConfigV2Input, ItemSchema } from './config';
import { GateConfigV2Schema } from './config';
import { PRR_ALPHA, PRR_BETA, PRR_QUESTIONNAIRE } from '../prr-questionnaire';
import type { z } from 'zod/mini';

/** A Jira field a template needs on the site, found (or created) by name when the template is applied. */
export interface TemplateField {
  /** The id the template uses; applying the template replaces it with the site's id of the field of that name. */
  readonly id: string;
  readonly name: string;
  readonly type: 'select';
  readonly options: readonly string[];
}

/** A configuration a project admin can start from, and the seed document it models line by line. */
export interface TemplateInfoV2 {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly seed: string;
  readonly fields: readonly TemplateField[];
}

const group = (teamKey: string): string[] => [`golive-${teamKey}`];

const GO_LIVE_TEAMS = [
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
];

/**
 * Seed 000, "Gating for Production": promote to prod on a reduced set of sign-offs, go live to customers only when
 * every team agrees (Layered SRE where present), with the go-live signal, the go-live criteria and SRE-P's capacity and
 * velocity. SRE-P signs off twice: its promote-to-prod approval does not carry over to go-live.
 */
const managedAddon: GateConfigV2Input = {
  schemaVersion: 2,
  template: 'managed-addon',
  teams: [
    {
      key: 'layered-sre',
      name: 'Layered SRE',
      area: 'service-support',
      groups: group('layered-sre'),
      applies: { when: 'if-present', condition: { anyOf: [{ field: 'labels', is: 'layered-sre' }] } },
      description:
        'If present: payload consistency and policy for upgrades, testing, supportability, escalation paths + IMS; complements the Managed Tenants SRE scope, but does not replace it',
    },
    { key: 'sre-p', name: 'SRE-P', area: 'service-support', groups: group('sre-p'), description: "OSD/ROSA 3-R's; signs off early content landing in production, and capacity and velocity for go-live" },
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
      description: 'Consistency & Policy for payload delivery, upgrades, testing; agrees the platform is not being compromised',
    },
    { key: 'dev-team', name: 'Dev team', area: 'engineering', groups: group('dev-team'), description: 'Signs off on content being consumed' },
  ],
  stages: [
    {
      key: 'promote-to-prod',
      name: 'Promote to prod',
      description:
        'Gets the add-on and its content to production for Dev, QE, CEE, SRE, Docs and other associated teams, not to customers. A reduced set of criteria applies, so the cluster that lands the add-on may get a lower service assurance from the SRE and CEE teams. Integration and Stage are not gated.',
      // Where its review begins, as v1's template says: the reviews page measures waits from the ticket moving there.
      fromStatus: 'In Review',
      teams: [{ team: 'mt-sre' }, { team: 'osd-e2e' }, { team: 'sre-p' }, { team: 'dev-team' }],
    },
    {
      key: 'go-live',
      name: 'Go live',
      description:
        'Releases the product to customers: ALL criteria must be met and every team in scope explicitly agrees to the go-live signal. Titles like Alpha, Beta, GA or Tech Preview are not part of the state of service and SRE does not sign them off.',
      fromStatus: 'In Production',
      teams: GO_LIVE_TEAMS.map((team) => ({ team })),
      numbers: ['capacity', 'velocity'],
      // No carry-over: SRE-P's sign-off on early content in production is not its go-live sign-off.
      carryOver: [],
    },
  ],
  numbers: [
    {
      key: 'capacity',
      label: 'Capacity',
      unit: 'customers',
      integer: true,
      min: 1,
      signedOffBy: 'sre-p',
      description: 'Agreed from the cost of service and human and service toil: there will be no more customers than this',
    },
    {
      key: 'velocity',
      label: 'Velocity',
      unit: 'new customers / week',
      integer: true,
      min: 0,
      signedOffBy: 'sre-p',
      description: 'The product stays within this velocity and the agreed service goals',
    },
  ],
  items: [
    {
      key: 'platform-not-compromised',
      section: 'Promote to prod',
      text: 'The platform is not being compromised, and no forward-looking feature work is exposed or exploitable in Production OCM',
      kind: 'checkbox',
      requiredFor: ['promote-to-prod'],
      reviewedBy: 'mt-sre',
      agreedBy: ['osd-e2e'],
    },
    {
      key: 'osd-e2e-cd-signal',
      section: 'Promote to prod',
      text: 'Link to the passing OSD e2e run (https://github.com/openshift/osde2e) that gives the CD signal',
      kind: 'link',
      requiredFor: ['promote-to-prod'],
      reviewedBy: 'osd-e2e',
    },
    {
      key: 'go-live-signal',
      section: 'Go-live signal',
      text: 'The go-live signal every team agrees to',
      kind: 'choice',
      options: ['SKUs enabled, with AMS delivering quota reconcile against them', 'Free with OSD', 'Free overall'],
      requiredFor: ['go-live'],
      reviewedBy: 'servicedev-b',
      agreedByEveryTeam: true,
    },
    {
      key: 'release-request',
      section: 'Go-live signal',
      text: "The merge request that releases content for non-Red Hat consumption, or the linked Jira where the SKU rules are requested to go live (teams may also +1 / LGTM there)",
      kind: 'link',
      requiredFor: [],
    },
    { key: 'viability-support-cover', section: 'Go-live criteria', text: 'Demonstrated viability and support cover', kind: 'checkbox', requiredFor: ['go-live'], reviewedBy: 'cee' },
    { key: 'service-definition', section: 'Go-live criteria', text: 'Service definition published', kind: 'checkbox', requiredFor: ['go-live'], reviewedBy: 'addon-pm' },
    { key: 'demonstrated-slis', section: 'Go-live criteria', text: 'Demonstrated SLIs', kind: 'checkbox', requiredFor: ['go-live'], reviewedBy: 'sre-p' },
  ],
  policies: { overrideGroups: ['golive-overriders'] },
};

type ItemInput = z.input<typeof ItemSchema>;


/** Builds one questionnaire section, every question answered in text and reviewed by the PRR team. */
function section(name: string, requiredFor: readonly string[], questions: readonly (readonly [key: string, text: string])[]): ItemInput[] {
  return questions.map(([key, text]) => ({ key, section: name, text, kind: 'text', requiredFor: [...requiredFor], reviewedBy: 'prr' }));
}

/** The SIGs an enhancement can belong to: the options of the Owning SIG field, each approved by its own group. */
export const KUBERNETES_SIGS = [
  'sig-api-machinery',
  'sig-apps',
  'sig-architecture',
  'sig-auth',
  'sig-autoscaling',
  'sig-cli',
  'sig-cloud-provider',
  'sig-cluster-lifecycle',
  'sig-contributor-experience',
  'sig-docs',
  'sig-etcd',
  'sig-instrumentation',
  'sig-k8s-infra',
  'sig-multicluster',
  'sig-network',
  'sig-node',
  'sig-release',
  'sig-scalability',
  'sig-scheduling',
  'sig-security',
  'sig-storage',
  'sig-testing',
  'sig-windows',
] as const;

/** The template's id for the Owning SIG select field; applying the template maps it to the site's field of that name. */
export const OWNING_SIG_FIELD = 'customfield_10070';

const CHECKLIST = 'Release signoff checklist';

/**
 * Seed 003, "Production Readiness Review": alpha, beta and GA approved separately by the KEP's owning SIG (from the
 * ticket's Owning SIG field) and the PRR team; the release signoff checklist at every milestone; the questionnaire
 * growing with the feature's maturity; the playbook it feeds.
 */
const kubernetesPrr: GateConfigV2Input = {
  schemaVersion: 2,
  template: 'kubernetes-prr',
  fieldNames: { [OWNING_SIG_FIELD]: 'Owning SIG' },
  teams: [
    {
      key: 'owning-sig',
      name: 'Owning SIG',
      area: 'engineering',
      approversFrom: { field: OWNING_SIG_FIELD, kind: 'select', groups: Object.fromEntries(KUBERNETES_SIGS.map((sig) => [sig, [`golive-${sig}`]])) },
      description:
        "The KEP's approvers in the SIG that owns the enhancement, from the ticket's Owning SIG field (SIG Architecture for cross-cutting KEPs); they approve moving the KEP to implementable and significant changes after it",
    },
    {
      key: 'prr',
      name: 'PRR team',
      area: 'review',
      groups: group('prr'),
      description:
        'Production readiness reviewers: the feature is supportable, can be safely operated in production, and can be disabled or rolled back. Shadows prepare in the review queue and join the group once they meet the team\'s criteria; the reviews page measures throughput and bench depth.',
    },
  ],
  stages: [
    {
      key: 'alpha',
      name: 'Alpha',
      fromStatus: 'Provisional',
      description: 'Merging the feature as alpha: the owning SIG and the PRR team approve this milestone; enablement and rollback are documented.',
      teams: [{ team: 'owning-sig' }, { team: 'prr' }],
    },
    {
      key: 'beta',
      name: 'Beta',
      fromStatus: 'Alpha',
      requirePlaybook: true,
      description: 'Graduating to beta: approved again for this milestone; rollout, monitoring and dependencies are documented, with a playbook.',
      teams: [{ team: 'owning-sig' }, { team: 'prr' }],
    },
    {
      key: 'ga',
      name: 'GA',
      fromStatus: 'Beta',
      requirePlaybook: true,
      description: 'Graduating to GA: approved again for this milestone; troubleshooting and scalability are documented.',
      teams: [{ team: 'owning-sig' }, { team: 'prr' }],
    },
  ],
  items: [
    {
      key: 'enhancements-issue',
      section: CHECKLIST,
      text: 'kubernetes/enhancements issue in the release milestone, linking to the KEP in kubernetes/enhancements (not the initial KEP PR), opened before Enhancement Freeze',
      kind: 'link',
      requiredFor: PRR_ALPHA,
      reviewedBy: 'owning-sig',
    },
    { key: 'kep-implementable', section: CHECKLIST, text: 'KEP approvers have set the KEP status to implementable', kind: 'checkbox', requiredFor: PRR_ALPHA, reviewedBy: 'owning-sig' },
    { key: 'design-details', section: CHECKLIST, text: 'Design details are appropriately documented', kind: 'checkbox', requiredFor: PRR_ALPHA, reviewedBy: 'owning-sig' },
    {
      key: 'test-plan',
      section: CHECKLIST,
      text: 'Test plan is in place, giving consideration to SIG Architecture and SIG Testing input',
      kind: 'checkbox',
      requiredFor: PRR_ALPHA,
      reviewedBy: 'owning-sig',
    },
    { key: 'graduation-criteria', section: CHECKLIST, text: 'Graduation criteria is in place', kind: 'checkbox', requiredFor: PRR_ALPHA, reviewedBy: 'owning-sig' },
    { key: 'implementation-history', section: CHECKLIST, text: '"Implementation History" section is up-to-date for the milestone', kind: 'checkbox', requiredFor: PRR_ALPHA, reviewedBy: 'owning-sig' },
    {
      key: 'user-docs',
      section: CHECKLIST,
      text: 'User-facing documentation has been created in kubernetes/website, for publication to kubernetes.io (link)',
      kind: 'link',
      requiredFor: PRR_ALPHA,
      reviewedBy: 'owning-sig',
    },
    {
      key: 'supporting-docs',
      section: CHECKLIST,
      text: 'Supporting documentation: additional design documents, links to mailing list discussions or SIG meetings, relevant PRs and issues, release notes',
      kind: 'checkbox',
      requiredFor: PRR_ALPHA,
      reviewedBy: 'owning-sig',
    },
    ...PRR_QUESTIONNAIRE.flatMap(({ name, requiredFor, questions }) => section(name, requiredFor, questions)),
    {
      key: 'playbook',
      section: 'Playbook',
      text: "Link to the feature's playbook, which includes the questionnaire's answers: how to operate, monitor, troubleshoot, disable and roll back the feature",
      kind: 'link',
      requiredFor: PRR_BETA,
      reviewedBy: 'prr',
    },
  ],
};

const CONFIGS: Readonly<Record<string, GateConfigV2Input>> = { 'managed-addon': managedAddon, 'kubernetes-prr': kubernetesPrr };

/** The templates the settings page offers, in the order it shows them. */
export const TEMPLATES_V2: readonly TemplateInfoV2[] = [
  {
    key: 'managed-addon',
    name: 'Managed add-on gating',
    seed: 'Gating for Production (seed 000)',
    description:
      'Thirteen gating teams in Service & Support, PM / Biz, Spec & technical patterns and the dev team; Layered SRE only where present (label layered-sre). "Promote to prod" needs Managed Tenants SRE, OSD e2e, SRE-P and the dev team; "Go live" needs every team again, the go-live signal, the go-live criteria, and capacity and velocity signed off by SRE-P.',
    fields: [],
  },
  {
    key: 'kubernetes-prr',
    name: 'Kubernetes production readiness review',
    seed: 'Production Readiness Review Process (seed 003)',
    description:
      "Alpha, beta and GA, each approved separately by the KEP's owning SIG (from the ticket's Owning SIG field) and the PRR team, with the release signoff checklist at every milestone and a readiness questionnaire that grows as the feature matures.",
    fields: [{ id: OWNING_SIG_FIELD, name: 'Owning SIG', type: 'select', options: KUBERNETES_SIGS }],
  },
];

/**
 * A fresh, validated copy of a v2 template's configuration (version 0), or undefined for an unknown key.
 *
 * @example
 * templateConfigV2('managed-addon')?.stages.map((s) => s.key) // ['promote-to-prod', 'go-live']
 * templateConfigV2('toString') // undefined
 */
export function templateConfigV2(key: string): GateConfigV2 | undefined {
  const input = Object.hasOwn(CONFIGS, key) ? CONFIGS[key] : undefined;
  return input === undefined ? undefined : GateConfigV2Schema.parse(input);
}

/**
 * The configuration with the template's field ids replaced by the site's (`mapping`: template id -> site id): in the
 * display names, every team's approver source and every condition, so a template written for `customfield_10070` reads
 * the site's own "Owning SIG" field.
 *
 * @example
 * withSiteFields(templateConfigV2('kubernetes-prr')!, { customfield_10070: 'customfield_10123' }).teams[0]?.approversFrom?.field // 'customfield_10123'
 */
export function withSiteFields(config: GateConfigV2, mapping: Readonly<Record<string, string>>): GateConfigV2 {
  const site = (field: string): string => (Object.hasOwn(mapping, field) ? (mapping[field] ?? field) : field);
  const condition = (c: Condition): Condition => ({ anyOf: c.anyOf.map((test) => ({ ...test, field: site(test.field) })) });
  return {
    ...config,
    fieldNames: Object.fromEntries(Object.entries(config.fieldNames).map(([field, name]) => [site(field), name])),
    teams: config.teams.map((team) => ({
      ...team,
      ...(team.approversFrom !== undefined && { approversFrom: { ...team.approversFrom, field: site(team.approversFrom.field) } }),
      applies: team.applies.when === 'always' ? team.applies : team.applies.condition === undefined ? team.applies : { ...team.applies, condition: condition(team.applies.condition) },
    })),
  };
}
