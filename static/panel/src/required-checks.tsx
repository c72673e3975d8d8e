import type { RequiredCheckState, RequiredCheckVerdict } from '../../../src/gate/required-checks';
import { openExternal } from './decision-source-link';
import type { PanelProps, PanelSection } from './panel-section';

// Required checks (issue 15): a CI job, check run or commit status a stage needs passed for the head commit of the
// ticket's merge or pull request. Results are ticket-wide, so each check shows once, with the stages that need it.

const LABELS: Readonly<Record<RequiredCheckState, string>> = {
  passed: 'Passed',
  failed: 'Failed',
  pending: 'Running',
  skipped: 'Skipped',
  missing: 'Not run',
  stale: 'Old commit',
  unverified: 'Unverified',
};
const APPEARANCE: Readonly<Record<RequiredCheckState, string>> = {
  passed: 'success',
  failed: 'danger',
  pending: 'info',
  skipped: 'warning',
  missing: 'neutral',
  stale: 'warning',
  unverified: 'discovery',
};

interface ShownCheck {
  readonly check: RequiredCheckVerdict;
  readonly stages: readonly string[];
}

/** Each required check once, in the order the stages name them, with the names of the stages that require it. */
function shownChecks({ gate }: Pick<PanelProps, 'gate'>): ShownCheck[] {
  const byName = new Map<string, { check: RequiredCheckVerdict; stages: string[] }>();
  for (const verdict of gate.verdicts) {
    for (const check of verdict.checks ?? []) {
      const key = check.name.toLowerCase();
      const shown = byName.get(key) ?? { check, stages: [] };
      shown.stages.push(verdict.stageName);
      byName.set(key, shown);
    }
  }
  return [...byName.values()];
}

function ExternalLink({ url, children }: { readonly url: string; readonly children: string }) {
  return (
    <a
      href={url}
      onClick={(event) => {
        event.preventDefault();
        openExternal(url);
      }}
    >
      {children}
    </a>
  );
}

function RequiredChecks({ gate }: PanelProps) {
  const checks = shownChecks({ gate });
  return (
    <ul className="required-checks">
      {checks.map(({ check, stages }) => (
        <li key={check.name}>
          <span className={`lozenge lozenge-${APPEARANCE[check.state]}`}>{LABELS[check.state]}</span> <strong>{check.name}</strong>{' '}
          <span className="subtle">
            for {stages.join(', ')}: {check.reason}
            {check.url === undefined ? null : (
              <>
                {' · '}
                <ExternalLink url={check.url}>the run</ExternalLink>
              </>
            )}
            {check.change === undefined ? null : (
              <>
                {' · '}
                <ExternalLink url={check.change.url}>{check.change.provider === 'gitlab' ? 'the merge request' : 'the pull request'}</ExternalLink>
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The required checks of this gate and how each stands; left out when no stage requires a check. */
export const REQUIRED_CHECKS_SECTION: PanelSection = {
  key: 'required-checks',
  title: 'Required checks',
  summary: ({ gate }) => {
    const checks = shownChecks({ gate });
    if (checks.length === 0) return undefined;
    return checks.map(({ check }) => `${check.name} ${LABELS[check.state].toLowerCase()}`).join(' · ');
  },
  Body: RequiredChecks,
};
