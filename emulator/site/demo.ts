/** The demo Jira data a fresh site starts with; the runtime's app-side seed and the tests build on these. */

/** Every demo user's API token (Basic `email:demo`). */
export const DEMO_TOKEN = 'demo';

/** Teams of the managed add-on template, with the label used in demo display names. */
export const MANAGED_ADDON_TEAMS: readonly { readonly key: string; readonly label: string; readonly firstName: string }[] = [
  { key: 'layered-sre', label: 'Layered SRE', firstName: 'Lee' },
  { key: 'sre-p', label: 'SRE-P', firstName: 'Sam' },
  { key: 'cee', label: 'CEE', firstName: 'Cora' },
  { key: 'osd-e2e', label: 'OSD e2e', firstName: 'Olga' },
  { key: 'osd-sre', label: 'OSD SRE', firstName: 'Omar' },
  { key: 'platform-payload', label: 'Platform & Payload', firstName: 'Priya' },
  { key: 'osd-rosa-pm', label: 'OSD/ROSA PM', firstName: 'Rosa' },
  { key: 'ocm-pm', label: 'OCM PM', firstName: 'Otto' },
  { key: 'addon-pm', label: 'Addon PM', firstName: 'Ada' },
  { key: 'servicedev-a', label: 'ServiceDev A', firstName: 'Sven' },
  { key: 'servicedev-b', label: 'ServiceDev B', firstName: 'Bea' },
  { key: 'mt-sre', label: 'Managed Tenants SRE', firstName: 'Milo' },
  { key: 'dev-team', label: 'Dev Team', firstName: 'Dana' },
];

export const teamGroup = (teamKey: string): string => `golive-${teamKey}`;
/** The login of a team's demo approver. */
export const approverEmail = (teamKey: string): string => `${teamKey}@example.com`;
export const OVERRIDERS_GROUP = 'golive-overriders';
export const JIRA_ADMINS_GROUP = 'jira-administrators';

export interface DemoUser {
  readonly accountId: string;
  readonly emailAddress: string;
  readonly displayName: string;
  readonly groups: readonly string[];
}

export const DEMO_ADMIN: DemoUser = {
  accountId: 'acc-admin',
  emailAddress: 'admin@example.com',
  displayName: 'Alex Admin',
  groups: [OVERRIDERS_GROUP, JIRA_ADMINS_GROUP],
};
export const DEMO_PM: DemoUser = { accountId: 'acc-pm', emailAddress: 'pm@example.com', displayName: 'Pat PM', groups: [] };

/**
 * Teams of the Kubernetes production readiness review template (the KEP project). `owning-sig` is the v1 template's
 * fixed group; under the v2 template KEP runs, the owning SIG's approvers are the SIG's own (KEP_SIGS) from the ticket.
 */
export const KEP_TEAMS: readonly { readonly key: string; readonly label: string; readonly firstName: string }[] = [
  { key: 'owning-sig', label: 'Owning SIG', firstName: 'Sigrid' },
  { key: 'prr', label: 'PRR', firstName: 'Percy' },
];

/** SIGs that own demo KEPs: the Owning SIG field's value names the SIG, whose approvers are in `golive-<sig>`. */
export const KEP_SIGS: readonly { readonly key: string; readonly label: string; readonly firstName: string }[] = [
  { key: 'sig-node', label: 'SIG Node', firstName: 'Nadia' },
  { key: 'sig-apps', label: 'SIG Apps', firstName: 'Abe' },
];

/** Each project's components (Jira's `ProjectComponent`), by project key. */
export const PROJECT_COMPONENTS: Readonly<Record<string, readonly { readonly id: string; readonly name: string }[]>> = {
  SKU: [{ id: '10300', name: 'ocm' }, { id: '10301', name: 'ams' }],
  KEP: [{ id: '10310', name: 'kubelet' }, { id: '10311', name: 'scheduler' }, { id: '10312', name: 'apiserver' }],
};

/** One approver per team: `<teamKey>@example.com`, `acc-<teamKey>`, in group `golive-<teamKey>`. */
const approversOf = (teams: typeof MANAGED_ADDON_TEAMS): DemoUser[] =>
  teams.map((team) => ({ accountId: `acc-${team.key}`, emailAddress: approverEmail(team.key), displayName: `${team.firstName} ${team.label}`, groups: [teamGroup(team.key)] }));

/** The users of the first seed: the project admin, the PM, then one approver per managed add-on team. */
export const SKU_DEMO_USERS: readonly DemoUser[] = [DEMO_ADMIN, DEMO_PM, ...approversOf(MANAGED_ADDON_TEAMS)];
/** The KEP project's approvers (seeded also into a database made before KEP existed). */
export const KEP_DEMO_USERS: readonly DemoUser[] = [...approversOf(KEP_TEAMS), ...approversOf(KEP_SIGS)];
export const DEMO_USERS: readonly DemoUser[] = [...SKU_DEMO_USERS, ...KEP_DEMO_USERS];

export const SKU_DEMO_GROUPS: readonly string[] = [...MANAGED_ADDON_TEAMS.map((team) => teamGroup(team.key)), OVERRIDERS_GROUP, JIRA_ADMINS_GROUP];
export const KEP_DEMO_GROUPS: readonly string[] = [...KEP_TEAMS, ...KEP_SIGS].map((team) => teamGroup(team.key));
export const DEMO_GROUPS: readonly string[] = [...SKU_DEMO_GROUPS, ...KEP_DEMO_GROUPS];

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export const DEMO_STATUSES = {
  toDo: { id: '10000', name: 'To Do', category: 'new' },
  inReview: { id: '10001', name: 'In Review', category: 'indeterminate' },
  inProduction: { id: '10002', name: 'In Production', category: 'indeterminate' },
  live: { id: '10003', name: 'Live', category: 'done' },
} as const satisfies Record<string, { id: string; name: string; category: StatusCategoryKey }>;

/** The module key of the app's workflow validator (manifest.yml). */
export const GATE_VALIDATOR_MODULE_KEY = 'go-live-gate-validator';

export const DEMO_PROJECT = { id: '10000', key: 'SKU', name: 'SKU Go-Live', leadAccountId: DEMO_PM.accountId, adminAccountIds: [DEMO_ADMIN.accountId] } as const;

export const DEMO_TRANSITIONS = {
  startReview: { id: '11', name: 'Start Review', from: DEMO_STATUSES.toDo, to: DEMO_STATUSES.inReview, validators: [] },
  promoteToProd: {
    id: '21',
    name: 'Promote to Prod',
    from: DEMO_STATUSES.inReview,
    to: DEMO_STATUSES.inProduction,
    validators: [{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: JSON.stringify({ stage: 'promote-to-prod' }) }],
  },
  goLive: {
    id: '31',
    name: 'Go Live',
    from: DEMO_STATUSES.inProduction,
    to: DEMO_STATUSES.live,
    validators: [{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: JSON.stringify({ stage: 'go-live' }) }],
  },
} as const;

/** Demo tickets, all reported by the PM. SKU-2's half approval and SKU-3's approvals are seeded by the runtime through the app. */
export const DEMO_ISSUES = [
  { key: 'SKU-1', summary: 'Add-on A go-live', status: DEMO_STATUSES.toDo, daysOld: 2 },
  { key: 'SKU-2', summary: 'Add-on B go-live', status: DEMO_STATUSES.inReview, daysOld: 9 },
  { key: 'SKU-3', summary: 'Add-on C go-live', status: DEMO_STATUSES.inProduction, daysOld: 16 },
  { key: 'SKU-4', summary: 'Add-on D go-live', status: DEMO_STATUSES.live, daysOld: 30 },
] as const;

/** The only issue type of the site. */
export const TASK_ISSUE_TYPE = { id: '10001', name: 'Task', description: 'A small, distinct piece of work.' } as const;

/**
 * The demo project's releases, dated from the day the site is seeded: one released a month ago, the next in three
 * weeks, the one after in two months. SKU-2 and SKU-3 target the next release; SKU-4 shipped in the last one.
 */
export const DEMO_RELEASES = [
  { daysFromNow: -30, released: true, issues: ['SKU-4'] },
  { daysFromNow: 21, released: false, issues: ['SKU-2', 'SKU-3'] },
  { daysFromNow: 60, released: false, issues: [] },
] as const;

/** The KEP project's workflow: an enhancement graduates Provisional → Alpha → Beta → GA, each gated by its stage. */
export const KEP_STATUSES = {
  provisional: { id: '10004', name: 'Provisional', category: 'new' },
  alpha: { id: '10005', name: 'Alpha', category: 'indeterminate' },
  beta: { id: '10006', name: 'Beta', category: 'indeterminate' },
  ga: { id: '10007', name: 'GA', category: 'done' },
} as const satisfies Record<string, { id: string; name: string; category: StatusCategoryKey }>;

export const KEP_PROJECT = { id: '10001', key: 'KEP', name: 'Kubernetes Enhancements', leadAccountId: DEMO_PM.accountId, adminAccountIds: [DEMO_ADMIN.accountId] } as const;

const stageValidator = (stage: string) => [{ moduleKey: GATE_VALIDATOR_MODULE_KEY, configuration: JSON.stringify({ stage }) }];
export const KEP_TRANSITIONS = {
  toAlpha: { id: '41', name: 'Graduate to Alpha', from: KEP_STATUSES.provisional, to: KEP_STATUSES.alpha, validators: stageValidator('alpha') },
  toBeta: { id: '51', name: 'Graduate to Beta', from: KEP_STATUSES.alpha, to: KEP_STATUSES.beta, validators: stageValidator('beta') },
  toGa: { id: '61', name: 'Graduate to GA', from: KEP_STATUSES.beta, to: KEP_STATUSES.ga, validators: stageValidator('ga') },
} as const;

/** The KEP project's "Owning SIG" select (emulator/site/routes/fields.ts): the PRR template's owning SIG comes from it. */
export const OWNING_SIG_FIELD = 'customfield_10070';

/** KEP demo tickets, reported by the PM: one still provisional, one already in alpha, each owned by a SIG with a demo approver. */
export const KEP_ISSUES = [
  { key: 'KEP-1', summary: 'In-place update of pod resources', status: KEP_STATUSES.provisional, daysOld: 3, fields: { [OWNING_SIG_FIELD]: { value: 'sig-node' } } },
  { key: 'KEP-2', summary: 'Kubelet parallel image pulls', status: KEP_STATUSES.alpha, daysOld: 40, fields: { [OWNING_SIG_FIELD]: { value: 'sig-node' } } },
] as const;
