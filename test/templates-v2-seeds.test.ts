import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GateConfigV2 } from '../src/gate/v2/config';
import { TEMPLATES_V2, templateConfigV2 } from '../src/gate/v2/templates';

/**
 * Every line of each seed document is covered by its template: a requirement line points at the part of the template
 * that carries it (and says which words it must contain); a line that is document structure or narrative says why it
 * carries no requirement. A seed line without an entry, or an entry whose template part is missing, fails the test.
 */

type Coverage = { readonly in: string; readonly says: string } | { readonly context: string };
const at = (path: string, says: string): Coverage => ({ in: path, says });
const context = (why: string): Coverage => ({ context: why });

const FRONT_MATTER = context('front matter of the seed page (site metadata), not a requirement');
const HEADING = context('a heading; the lines under it carry the requirements');
const IMAGE = context('a diagram of the flow the stages model; the panel shows the agreements it pictures');

const SEED_000: Readonly<Record<string, Coverage | readonly Coverage[]>> = {
  '---': FRONT_MATTER,
  'title: Gating for Production': at('info.seed', 'Gating for Production'),
  'weight: 100': FRONT_MATTER,
  'images: []': FRONT_MATTER,
  'toc: true': FRONT_MATTER,
  '![Agreements](/Addons-prod-view.png)': IMAGE,
  'This process intends to allow any addon to get to PROD, but not be sold to customers. Before an addon is enabled for': [
    at('stages.promote-to-prod.description', 'not to customers'),
    at('stages.go-live.name', 'Go live'),
  ],
  'customer consumption, various teams have to validate and agree on the content, product, and service.': at('stages.go-live.teams', 'servicedev-b'),
  'The focus is on three areas:': at('info.description', 'Service & Support, PM / Biz, Spec & technical patterns'),
  '### Service & Support': at('teams.sre-p.area', 'service-support'),
  '1. Layered SRE (if present): payload consistency and policy for upgrades,': [at('teams.layered-sre.applies', 'if-present'), at('teams.layered-sre.description', 'payload consistency and policy for upgrades')],
  'testing, supportability, escalation paths + IMS; complements the Managed Tenants SRE': at('teams.layered-sre.description', 'escalation paths + IMS; complements the Managed Tenants SRE'),
  'scope, but does not replace it.': at('teams.layered-sre.description', 'does not replace it'),
  '1. SRE-P: OSD/ ROSA 3-Râ€™s': at('teams.sre-p.description', "OSD/ROSA 3-R's"),
  '1. CEE : SBR & context + Docs + IMS': at('teams.cee.description', 'SBR & context + Docs + IMS'),
  '1. OSD e2e: for CD Signal': at('teams.osd-e2e.description', 'CD Signal'),
  '1. OSD SRE: Ensure OSD sanity': at('teams.osd-sre.description', 'Ensure OSD sanity'),
  '1. Platform & Payload': at('teams.platform-payload.name', 'Platform & Payload'),
  '### PM / Biz': at('teams.ocm-pm.area', 'pm-biz'),
  '1. OSD / ROSA': at('teams.osd-rosa-pm.name', 'OSD/ROSA'),
  '1. OCM': at('teams.ocm-pm.name', 'OCM'),
  '1. Addon / Product': at('teams.addon-pm.name', 'Addon/Product'),
  '### Spec & technical patterns': at('teams.servicedev-a.area', 'spec-technical'),
  '1. ServiceDev A : UX & CS': at('teams.servicedev-a.description', 'UX & CS'),
  '1. ServiceDev B : SKU, Quota, rBac - AMS': at('teams.servicedev-b.description', 'SKU, Quota, rBac - AMS'),
  '1. Managed Tenants SRE : consistency & Policy for payload delivery, upgrades, testing': at('teams.mt-sre.description', 'Consistency & Policy for payload delivery, upgrades, testing'),
  '## Indicating agreement': HEADING,
  'Each team in the scope above needs to explicitly indicate agreement for the go-live signal. This can be done via': at(
    'stages.go-live.description',
    'every team in scope explicitly agrees to the go-live signal',
  ),
  "a +1 / LGTM signal on the Merge Request that 'Releases Content for non-Red Hat consumption' or via a linked JIRA": at('items.release-request.text', '+1 / LGTM'),
  'where the SKU rules are requested to go live. The go-Live signal is normally defined as either when the SKUs are enabled': [
    at('items.release-request.text', 'the linked Jira where the SKU rules are requested to go live'),
    at('items.go-live-signal.options', 'SKUs enabled'),
  ],
  "with AMS delivering quota reconcile against it, or it could just be a 'Free with OSD' / 'Free overall'.": at('items.go-live-signal.options', 'with AMS delivering quota reconcile against them","Free with OSD","Free overall'),
  '## Get to Prod consideration': at('stages.promote-to-prod.name', 'Promote to prod'),
  'Promoting an addon to prod does not automatically mean it can be consumed by': at('stages.promote-to-prod.description', 'not to customers'),
  'a non-Red Hat person e.g. a customer. Therefore, a': at('stages.promote-to-prod.description', 'not to customers'),
  'reduced set of criteria applies for getting content and the addon itself': at('stages.promote-to-prod.description', 'A reduced set of criteria applies'),
  'available to  Dev, QE, CEE, SRE, Docs and other associated teams.': at('stages.promote-to-prod.description', 'Dev, QE, CEE, SRE, Docs and other associated teams'),
  'Baseline criteria then needed for the promote-to-prod is reduced to:': at('stages.promote-to-prod.teams', '[{"team":"mt-sre"},{"team":"osd-e2e"},{"team":"sre-p"},{"team":"dev-team"}]'),
  '1. Managed Tenants SRE agrees on consistency and policy': at('stages.promote-to-prod.teams', 'mt-sre'),
  '2. Passing thorough testing via [OSD e2e](https://github.com/openshift/osde2e) for CD Signal': [
    at('stages.promote-to-prod.teams', 'osd-e2e'),
    at('items.osd-e2e-cd-signal.text', 'https://github.com/openshift/osde2e'),
  ],
  '3. SREP approve and sign off on early content landing in production': [at('stages.promote-to-prod.teams', 'sre-p'), at('teams.sre-p.description', 'early content landing in production')],
  '4. Dev team has signed off on content being consumed': [at('stages.promote-to-prod.teams', 'dev-team'), at('teams.dev-team.description', 'content being consumed')],
  'As a fallout of this reduced criteria the corresponding': at('stages.promote-to-prod.description', 'may get a lower service assurance'),
  'OSD cluster that lands this addon, gets a potentially lower Service assurance': at('stages.promote-to-prod.description', 'the cluster that lands the add-on may get a lower service assurance'),
  'from the various SRE and CEE teams.': at('stages.promote-to-prod.description', 'from the SRE and CEE teams'),
  '## Approval and example data flow': HEADING,
  '![Flow](/Addons-Rel-flow.png)': IMAGE,
  'The yellow box indicates short-lived, non-customer facing infra.': context('explains a colour in the flow diagram'),
  'Primary Takeaway:': HEADING,
  '1. As a developer you can deliver content into Integration or Stage as long as you meet the basic technical requirements.': at(
    'stages.promote-to-prod.description',
    'Integration and Stage are not gated',
  ),
  'Other than the eng team and SRE baseline requirements there are no gates applied.': at('stages.promote-to-prod.description', 'Integration and Stage are not gated'),
  '1. To get content available in Production OCM, a wider set of considerations must be met - including sign off': at('items.platform-not-compromised.text', 'Production OCM'),
  'from Managed Tenants SRE and OSD-e2e that the platform is not being compromised, and no forward-looking': [
    at('items.platform-not-compromised.reviewedBy', 'mt-sre'),
    at('items.osd-e2e-cd-signal.reviewedBy', 'osd-e2e'),
    at('items.platform-not-compromised.text', 'The platform is not being compromised'),
  ],
  'feature work is being exposed/exploited.': at('items.platform-not-compromised.text', 'no forward-looking feature work is exposed or exploitable'),
  '1. To release the product to customers, ALL criteria must be met, including, but not limited to,': at('stages.go-live.description', 'ALL criteria must be met'),
  'demonstrated viability and support cover, service definitions and demonstrated SLIs,': [
    at('items.viability-support-cover.text', 'Demonstrated viability and support cover'),
    at('items.service-definition.text', 'Service definition'),
    at('items.demonstrated-slis.text', 'Demonstrated SLIs'),
  ],
  'before you can. Titles like Beta, Alpha, GA, Tech': at('stages.go-live.description', 'Titles like Alpha, Beta, GA or Tech Preview'),
  'Preview etc. are removed from the state of service, and are not something SRE participates in.': at('stages.go-live.description', 'are not part of the state of service and SRE does not sign them off'),
  '1. As a part of making your content available to customers, SRE will agree on capacity': [at('stages.go-live.numbers', 'capacity'), at('numbers.capacity.signedOffBy', 'sre-p')],
  'and velocity numbers based things like cost of service, human and service toil etc.': [
    at('numbers.velocity.signedOffBy', 'sre-p'),
    at('numbers.capacity.description', 'cost of service and human and service toil'),
  ],
  'The expectation is that there will be no more customers than the agreed capacity, and': at('numbers.capacity.description', 'no more customers than this'),
  'the instance of the product will remain within the agreed velocity and service goals.': at('numbers.velocity.description', 'within this velocity and the agreed service goals'),
};

const KEP_METADATA = context("the seed KEP's own metadata (who wrote and reviews this process document), not a requirement on gated features");
const TOC = context('table of contents of the seed document');
const MOTIVATION = context('motivation for the process; the gate enforces the criteria it leads to, listed in the lines below');
const LINK_TARGET = (item: string, says: string): Coverage => at(`items.${item}.text`, says);

const SEED_003: Readonly<Record<string, Coverage | readonly Coverage[]>> = {
  '---': KEP_METADATA,
  'title: Production Readiness Review Process': at('info.seed', 'Production Readiness Review Process'),
  'authors:': KEP_METADATA,
  '- "@johnbelamaric"': KEP_METADATA,
  'owning-sig: sig-architecture': [at('teams.owning-sig.approversFrom', '"sig-architecture":["golive-sig-architecture"]'), at('fieldNames.customfield_10070', 'Owning SIG')],
  'participating-sigs:': KEP_METADATA,
  '- sig-release': at('teams.owning-sig.approversFrom', '"sig-release":["golive-sig-release"]'),
  'reviewers:': KEP_METADATA,
  '- "@derekwaynecarr"': KEP_METADATA,
  '- "@vishh"': KEP_METADATA,
  'approvers:': at('teams.owning-sig.description', "The KEP's approvers"),
  '- TBD': KEP_METADATA,
  'editor: TBD': KEP_METADATA,
  'creation-date: 2019-07-31': KEP_METADATA,
  'last-updated: 2019-08-01': KEP_METADATA,
  'status: provisional': at('items.kep-implementable.text', 'KEP status to implementable'),
  '# Production Readiness Review Process': at('info.name', 'production readiness review'),
  '## Table of Contents': TOC,
  '<!-- toc -->': TOC,
  '- [Release Signoff Checklist](#release-signoff-checklist)': TOC,
  '- [Summary](#summary)': TOC,
  '- [Motivation](#motivation)': TOC,
  '- [Goals](#goals)': TOC,
  '- [Non-Goals](#non-goals)': TOC,
  '- [Proposal](#proposal)': TOC,
  '- [Risks and Mitigations](#risks-and-mitigations)': TOC,
  '- [Design Details](#design-details)': TOC,
  '- [Implementation History](#implementation-history)': TOC,
  '- [Infrastructure Needed](#infrastructure-needed)': TOC,
  '<!-- /toc -->': TOC,
  '## Release Signoff Checklist': at('items.kep-implementable.section', 'Release signoff checklist'),
  '**ACTION REQUIRED:** In order to merge code into a release, there must be an issue in [kubernetes/enhancements] referencing this KEP and targeting a release milestone **before [Enhancement Freeze](https://github.com/kubernetes/sig-release/tree/master/releases)':
    at('items.enhancements-issue.text', 'kubernetes/enhancements issue in the release milestone'),
  'of the targeted release**.': at('items.enhancements-issue.text', 'opened before Enhancement Freeze'),
  'For enhancements that make changes to code or processes/procedures in core Kubernetes i.e., [kubernetes/kubernetes], we require the following Release Signoff checklist to be completed.':
    // Outside core Kubernetes the owning SIG, who reviews the checklist, marks its items not applicable on the ticket.
    at('items.design-details.reviewedBy', 'owning-sig'),
  'Check these off as they are completed for the Release Team to track. These checklist items _must_ be updated for the enhancement to be released.': at('items.design-details.kind', 'checkbox'),
  '- [ ] kubernetes/enhancements issue in release milestone, which links to KEP (this should be a link to the KEP location in kubernetes/enhancements, not the initial KEP PR)': [
    at('items.enhancements-issue.kind', 'link'),
    at('items.enhancements-issue.text', 'linking to the KEP in kubernetes/enhancements (not the initial KEP PR)'),
  ],
  '- [ ] KEP approvers have set the KEP status to `implementable`': at('items.kep-implementable.text', 'KEP approvers have set the KEP status to implementable'),
  '- [ ] Design details are appropriately documented': at('items.design-details.text', 'Design details are appropriately documented'),
  '- [ ] Test plan is in place, giving consideration to SIG Architecture and SIG Testing input': at('items.test-plan.text', 'Test plan is in place, giving consideration to SIG Architecture and SIG Testing input'),
  '- [ ] Graduation criteria is in place': at('items.graduation-criteria.text', 'Graduation criteria is in place'),
  '- [ ] "Implementation History" section is up-to-date for milestone': at('items.implementation-history.text', '"Implementation History" section is up-to-date'),
  '- [ ] User-facing documentation has been created in [kubernetes/website], for publication to [kubernetes.io]': at(
    'items.user-docs.text',
    'User-facing documentation has been created in kubernetes/website, for publication to kubernetes.io',
  ),
  '- [ ] Supporting documentation e.g., additional design documents, links to mailing list discussions/SIG meetings, relevant PRs/issues, release notes': at(
    'items.supporting-docs.text',
    'links to mailing list discussions or SIG meetings, relevant PRs and issues, release notes',
  ),
  '**Note:** Any PRs to move a KEP to `implementable` or significant changes once it is marked `implementable` should be approved by each of the KEP approvers. If any of those approvers is no longer appropriate than changes to that list should be approved by the remaining approvers and/or the owning SIG (or SIG-arch for cross cutting KEPs).':
    [at('teams.owning-sig.description', 'they approve moving the KEP to implementable and significant changes after it'), at('teams.owning-sig.description', 'SIG Architecture for cross-cutting KEPs')],
  '**Note:** This checklist is iterative and should be reviewed and updated every time this enhancement is being considered for a milestone.': [
    at('items.kep-implementable.requiredFor', '["alpha","beta","ga"]'),
    at('stages.ga.carryOver', '[]'),
  ],
  '[kubernetes.io]: https://kubernetes.io/': LINK_TARGET('user-docs', 'kubernetes.io'),
  '[kubernetes/enhancements]: https://github.com/kubernetes/enhancements/issues': LINK_TARGET('enhancements-issue', 'kubernetes/enhancements'),
  '[kubernetes/kubernetes]: https://github.com/kubernetes/kubernetes': context('link target of "core Kubernetes" above'),
  '[kubernetes/website]: https://github.com/kubernetes/website': LINK_TARGET('user-docs', 'kubernetes/website'),
  '## Summary': HEADING,
  'This proposal introduces a production readiness review process for features': at('teams.prr.name', 'PRR team'),
  'merging as alpha or graduating to beta or GA. The review process is intended to': [
    at('stages.alpha.description', 'Merging the feature as alpha'),
    at('stages.beta.description', 'Graduating to beta'),
    at('stages.ga.description', 'Graduating to GA'),
  ],
  'ensure that features merging into Kubernetes are supportable, can be safely': at('teams.prr.description', 'the feature is supportable, can be safely operated in production'),
  'operated in production environments, and can be disabled or rolled back in the': at('teams.prr.description', 'can be disabled or rolled back'),
  'event they cause increased failures in production.': at('items.rollback-signals.text', 'What specific metrics or signals should inform a rollback?'),
  '## Motivation': HEADING,
  'Kubernetes has grown quickly and organically. The KEP process introduced a': MOTIVATION,
  'mechanism to help build consensus and ensure the community supports the': MOTIVATION,
  'direction and implementation of various features. It provides a way to document': MOTIVATION,
  'release and graduation criteria, but it leaves that criteria up to the KEP': at('items.graduation-criteria.text', 'Graduation criteria'),
  'authors and approvers to define. Because these are normally the developers and': MOTIVATION,
  'the SIGs associated with the KEP, there is not always a clear representation of': MOTIVATION,
  'the view of cluster operators. This can result in operational and supportability': at('teams.prr.area', 'review'),
  'oversights in the graduation criteria.': MOTIVATION,
  'This KEP proposes a process to ensure that production concerns are addressed in': at('stages.alpha.teams', 'prr'),
  "all new features, at a level appropriate to the features' maturity levels.": [
    at('items.enable-disable.requiredFor', '["alpha","beta","ga"]'),
    at('items.in-use.requiredFor', '["beta","ga"]'),
    at('items.failure-modes.requiredFor', '["ga"]'),
  ],
  '* TBD: Document some experiences that motivate the need for this.': MOTIVATION,
  '### Goals': HEADING,
  '* Define production readiness criteria for alpha, beta, and GA features.': at('info.description', 'a readiness questionnaire that grows as the feature matures'),
  '* Define a production readiness review gate and process for all features.': [at('stages.beta.teams', 'prr'), at('stages.ga.teams', 'prr')],
  '* Utilize existing tooling with prow to enforce the process.': context('tooling integration: merge-request and CI signals as records are issue 15; the workflow validator enforces the gate'),
  '### Non-Goals': HEADING,
  '* Building new tooling to enforce the process.': context('a non-goal of the seed process'),
  '## Proposal': HEADING,
  '* Document production readiness criteria in a process document in the': at('items.enable-disable.section', 'Feature enablement and rollback'),
  'kubernetes/community repository. Different levels of readiness may be': context('where the seed process keeps its criteria; the template carries them'),
  'specified for different feature maturity levels.': at('items.upgrade-rollback-tested.requiredFor', '["beta","ga"]'),
  '* Develop a production readiness questionnaire to ensure that the feature': at('items.in-use.kind', 'text'),
  'authors consider and document operational aspects of the feature. The results': at('items.in-use.reviewedBy', 'prr'),
  'of this questionnaire will be included in playbook for the feature (the': at('items.playbook.text', "includes the questionnaire's answers"),
  'creation of this playbook should be one of the production readiness criteria).': at('items.playbook.requiredFor', '["beta","ga"]'),
  'The actual questionnaire will be part of the implementation of this KEP, but': at('items.rollout-failure.text', 'How can a rollout fail?'),
  'some example items include:': HEADING,
  '* Feature enablement and rollback': at('items.enable-disable.section', 'Feature enablement and rollback'),
  '- How can this feature be enabled / disabled in a live cluster?': at('items.enable-disable.text', 'How can this feature be enabled / disabled in a live cluster?'),
  '- Can the feature be disabled once it has been enabled (i.e., can we roll': at('items.disable-after-enable.text', 'Can the feature be disabled once it has been enabled'),
  'back the enablement)?': at('items.disable-after-enable.text', 'can we roll back the enablement'),
  '- Will enabling / disabling the feature require downtime for the control': at('items.control-plane-downtime.text', 'require downtime for the control plane'),
  'plane?': at('items.control-plane-downtime.text', 'control plane?'),
  '- Will enabling / disabling the feature require downtime or reprovisioning': at('items.node-downtime.text', 'require downtime or reprovisioning of a node'),
  'of a node?': at('items.node-downtime.text', 'of a node?'),
  '- What happens if a cluster with this feature enabled is rolled back? What': at('items.cluster-rollback.text', 'What happens if a cluster with this feature enabled is rolled back?'),
  'happens if it is subsequently upgraded again?': at('items.cluster-rollback.text', 'What happens if it is subsequently upgraded again?'),
  '- Are there tests for this?': at('items.enablement-tests.text', 'Are there tests for enabling and disabling the feature?'),
  '* Dependencies': at('items.service-dependencies.section', 'Dependencies'),
  '- Does this feature depend on any specific services running in the cluster': at('items.service-dependencies.text', 'Does this feature depend on any specific services running in the cluster'),
  '(e.g., a metrics service)?': at('items.service-dependencies.text', '(e.g., a metrics service)?'),
  '- How does this feature respond to complete failures of the services on': at('items.dependency-failure.text', 'respond to complete failures of the services on'),
  'which it depends?': at('items.dependency-failure.text', 'which it depends?'),
  '- How does this feature respond to degraded performance or high error rates': at('items.dependency-degraded.text', 'degraded performance or high error rates'),
  'from services on which it depends?': at('items.dependency-degraded.text', 'from services on which it depends?'),
  '* Monitoring requirements': at('items.in-use.section', 'Monitoring requirements'),
  '- How can an operator determine if the feature is in use by workloads?': at('items.in-use.text', 'How can an operator determine if the feature is in use by workloads?'),
  '- How can an operator determine if the feature is functioning properly?': at('items.functioning.text', 'How can an operator determine if the feature is functioning properly?'),
  '- What are the service level indicators an operator can use to determine the': at('items.slis.text', 'What are the service level indicators an operator can use to determine the'),
  'health of the service?': at('items.slis.text', 'health of the service?'),
  '- What are reasonable service level objectives for the feature?': at('items.slos.text', 'What are reasonable service level objectives for the feature?'),
  '* Troubleshooting': at('items.failure-modes.section', 'Troubleshooting'),
  '- What are the known failure modes?': at('items.failure-modes.text', 'What are the known failure modes?'),
  '- How can those be detected via metrics or logs?': at('items.failure-detection.text', 'be detected via metrics or logs?'),
  '- What are the most useful log messages and what logging levels do they require?': at('items.useful-logs.text', 'What are the most useful log messages and what logging levels do they require?'),
  '* etc.': [at('items.rollout-failure.section', 'Rollout, upgrade and rollback'), at('items.new-api-calls.section', 'Scalability')],
  '* Establish a production readiness review team, label, and CI check to prevent': [
    at('teams.prr.groups', 'golive-prr'),
    context('the label and CI check: the gate summary is searchable by JQL, and merge-request signals are issue 15'),
  ],
  'the merging of feature promotion PRs that lack production readiness.': at('stages.beta.teams', 'prr'),
  '### Risks and Mitigations': HEADING,
  'The primary risk is the slowing of feature merges. When this is due to the need': context('a risk of the process; the reviews page measures the slowing'),
  'for the developers to improve the quality of the feature, that is appropriate.': context('a risk of the process; the reviews page measures the slowing'),
  'When this is due to lack of bandwidth in the production readiness review team,': at('teams.prr.description', 'measures throughput and bench depth'),
  'that is harmful. To mitigate this, the implementation of this process must': at('teams.prr.description', 'measures throughput and bench depth'),
  'include a means of:': HEADING,
  '* Identifying potential community members for participation in the team': at('teams.prr.description', 'Shadows prepare in the review queue'),
  '* A shadow program or other mechanism for preparing those individuals for': at('teams.prr.description', 'Shadows prepare in the review queue'),
  'membership on the team': at('teams.prr.description', 'join the group'),
  '* Clear criteria for when one of these individuals is ready to become a full': at('teams.prr.description', "once they meet the team's criteria"),
  'participant': at('teams.prr.description', "once they meet the team's criteria"),
  '* Measurement of:': HEADING,
  '- Review throughput for production readiness reviews': at('teams.prr.description', 'throughput'),
  '- Team bench depth and size': at('teams.prr.description', 'bench depth'),
  '## Design Details': HEADING,
  'TBD - this section should include the label name and the description of prow': context('left to be decided in the seed'),
  'configuration that is needed': context('left to be decided in the seed'),
  '## Implementation History': HEADING,
  '- 2019-07-31: Created': KEP_METADATA,
  '## Infrastructure Needed': HEADING,
  TBD: context('left to be decided in the seed'),
};

/** The value at `collection.key.property…` of a template (or `info.<field>` of its description), as text. */
function resolve(templateKey: string, config: GateConfigV2, path: string): string | undefined {
  const [head, ...rest] = path.split('.');
  let value: unknown;
  if (head === 'info') value = TEMPLATES_V2.find((t) => t.key === templateKey);
  else if (head === 'teams' || head === 'stages' || head === 'numbers' || head === 'items') {
    const key = rest.shift();
    value = (config[head] as readonly { key: string }[]).find((entry) => entry.key === key);
  } else value = (config as unknown as Record<string, unknown>)[head ?? ''];
  for (const part of rest) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe.each([
  ['managed-addon', '000-gating-for-production.md', SEED_000],
  ['kubernetes-prr', '003-production-readiness-review.md', SEED_003],
])('the %s template covers every line of its seed', (templateKey, seedFile, coverage) => {
  const seedLines = [...new Set(readFileSync(join(__dirname, 'fixtures', 'seeds', seedFile), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== ''))];
  const config = templateConfigV2(templateKey) as GateConfigV2;

  it('has an entry for every line of the seed, and none for a line the seed does not have', () => {
    expect(seedLines.filter((line) => !Object.hasOwn(coverage, line))).toEqual([]);
    expect(Object.keys(coverage).filter((line) => !seedLines.includes(line))).toEqual([]);
  });

  it('finds the words of every requirement line in the template part it names', () => {
    const missing = Object.entries(coverage).flatMap(([line, entries]) =>
      ([] as Coverage[]).concat(entries).flatMap((entry): { line: string; problem: string }[] => {
        if ('context' in entry) return entry.context.trim().length > 10 ? [] : [{ line, problem: 'no reason given' }];
        const text = resolve(templateKey, config, entry.in);
        return text?.includes(entry.says) === true ? [] : [{ line, problem: `${entry.in} should say "${entry.says}" but says ${JSON.stringify(text)}` }];
      }),
    );
    expect(missing).toEqual([]);
  });

  it('carries most lines as requirements, not as context', () => {
    const entries = Object.values(coverage).flatMap((e) => ([] as Coverage[]).concat(e));
    const requirements = entries.filter((e) => 'in' in e).length;
    expect(requirements / entries.length).toBeGreaterThan(0.6);
  });
});
