// Seed 003's production readiness questionnaire, section by section, with the first stage each section is required
// for. Model v1 and model v2 templates both build their questionnaire from it, so the words live once.

/** Stages a question is required for, from the first stage on. */
export const PRR_ALPHA = ['alpha', 'beta', 'ga'];
export const PRR_BETA = ['beta', 'ga'];
export const PRR_GA = ['ga'];

export interface PrrSection {
  readonly name: string;
  readonly requiredFor: readonly string[];
  readonly questions: readonly (readonly [key: string, text: string])[];
}

/** Seed 003's questionnaire, in the order the KEP template asks it. */
export const PRR_QUESTIONNAIRE: readonly PrrSection[] = [
  {
    name: 'Feature enablement and rollback',
    requiredFor: PRR_ALPHA,
    questions: [
      ['enable-disable', 'How can this feature be enabled / disabled in a live cluster?'],
      ['disable-after-enable', 'Can the feature be disabled once it has been enabled (i.e., can we roll back the enablement)?'],
      ['control-plane-downtime', 'Will enabling / disabling the feature require downtime for the control plane?'],
      ['node-downtime', 'Will enabling / disabling the feature require downtime or reprovisioning of a node?'],
      ['cluster-rollback', 'What happens if a cluster with this feature enabled is rolled back? What happens if it is subsequently upgraded again?'],
      ['enablement-tests', 'Are there tests for enabling and disabling the feature?'],
    ],
  },
  {
    name: 'Rollout, upgrade and rollback',
    requiredFor: PRR_BETA,
    questions: [
      ['rollout-failure', 'How can a rollout fail? Can it impact already running workloads?'],
      ['rollback-signals', 'What specific metrics or signals should inform a rollback?'],
      ['upgrade-rollback-tested', 'Were upgrade and rollback tested, including the upgrade, downgrade, upgrade path?'],
    ],
  },
  {
    name: 'Monitoring requirements',
    requiredFor: PRR_BETA,
    questions: [
      ['in-use', 'How can an operator determine if the feature is in use by workloads?'],
      ['functioning', 'How can an operator determine if the feature is functioning properly?'],
      ['slis', 'What are the service level indicators an operator can use to determine the health of the service?'],
      ['slos', 'What are reasonable service level objectives for the feature?'],
    ],
  },
  {
    name: 'Dependencies',
    requiredFor: PRR_BETA,
    questions: [
      ['service-dependencies', 'Does this feature depend on any specific services running in the cluster (e.g., a metrics service)?'],
      ['dependency-failure', 'How does this feature respond to complete failures of the services on which it depends?'],
      ['dependency-degraded', 'How does this feature respond to degraded performance or high error rates from services on which it depends?'],
    ],
  },
  {
    name: 'Troubleshooting',
    requiredFor: PRR_GA,
    questions: [
      ['failure-modes', 'What are the known failure modes?'],
      ['failure-detection', 'How can those failure modes be detected via metrics or logs?'],
      ['useful-logs', 'What are the most useful log messages and what logging levels do they require?'],
    ],
  },
  {
    name: 'Scalability',
    requiredFor: PRR_GA,
    questions: [
      ['new-api-calls', 'Will enabling the feature result in new API calls? Of what kind, from which components, and how many per second?'],
      ['new-objects', 'Will enabling the feature create new API object types or many more objects of existing types?'],
      ['resource-usage', 'Will enabling the feature increase CPU, memory, disk or network use of any component, and by how much?'],
      ['sli-impact', 'Will enabling the feature affect existing SLIs or SLOs, such as API call latency or pod startup time?'],
    ],
  },
];
