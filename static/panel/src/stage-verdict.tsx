import { Notice } from '../../shared/notice';
import { RelativeTime } from '../../shared/time';
import { stageStatus } from '../../../src/gate/glance';
import type { VerdictV2 } from '../../../src/gate/v2/verdict';
import type { PanelProps } from './panel-section';

/**
 * The current stage's verdict in the validator's own words (the message Jira shows when it refuses the transition), and
 * every override, with who forced which stage open and why.
 */
export function StageVerdict({ gate, current, verdicts, nameOf }: Pick<PanelProps, 'gate' | 'nameOf'> & {
  readonly current: Pick<VerdictV2, 'stage' | 'message' | 'allowed' | 'overridden'>;
  readonly verdicts: readonly Pick<VerdictV2, 'stage' | 'stageName' | 'override'>[];
}) {
  const status = stageStatus(current);
  return (
    <section className="stage-verdict" aria-label="Verdict" data-stage={current.stage}>
      <h2 className={`verdict-line verdict-${status}`}>
        <span className={`stage-icon stage-icon-${status}`} aria-hidden="true" />
        {current.message}
      </h2>
      {verdicts.flatMap((verdict) => {
        const override = verdict.override;
        if (override === undefined) return [];
        return [
          <Notice key={verdict.stage} appearance="warning" title={`${verdict.stageName} was overridden`}>
            <p data-stage={verdict.stage}>
              By {nameOf(override.by)} <RelativeTime at={override.at} now={gate.now} /> (via {override.via}); the missing approvals were not given. Justification:{' '}
              <q className="user-text">{override.justification}</q>
            </p>
          </Notice>,
        ];
      })}
    </section>
  );
}
