import type { ServiceAssurance } from '../../../src/gate/service-assurance';

/** How each well-known level looks; a level a project names itself shows as information. */
const LEVEL_APPEARANCE: Readonly<Record<string, string>> = { full: 'success', reduced: 'warning', experimental: 'discovery', none: 'default' };

/** The ticket's service assurance, the stage that gave it and the status it follows (the summary's `assurance`). */
export function ServiceAssuranceLine({ assurance }: { readonly assurance: ServiceAssurance }) {
  const appearance = Object.hasOwn(LEVEL_APPEARANCE, assurance.level) ? LEVEL_APPEARANCE[assurance.level] : 'info';
  return (
    <p className="service-assurance" data-assurance={assurance.level}>
      Service assurance: <span className={`lozenge lozenge-${appearance ?? 'info'}`}>{assurance.level}</span>{' '}
      <span className="subtle">
        {assurance.stageName === undefined
          ? `no stage that gives one has been passed yet (status ${assurance.status})`
          : `since ${assurance.stageName} (status ${assurance.status})`}
      </span>
    </p>
  );
}
