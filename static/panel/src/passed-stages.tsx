import { Notice } from '../../shared/notice';
import type { PanelProps } from './panel-section';

/** One formatter for every pass date shown (building one per call is slow). */
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/**
 * The stages the ticket has passed, each as its pass record says: "Passed Promote to prod on Mar 2, 2026, moved by
 * Pat PM", and why its decisions are read-only, in the rules' own words (with names for account ids).
 */
export function PassedStages({ verdicts, nameOf, withNames }: Pick<PanelProps, 'verdicts' | 'nameOf' | 'withNames'>) {
  const passed = verdicts.filter((v) => v.passed !== undefined);
  if (passed.length === 0) return null;
  return (
    <section className="passed-stages" aria-label="Passed stages">
      {passed.map((verdict) => {
        const pass = verdict.passed;
        if (pass === undefined) return null;
        const title = `Passed ${verdict.stageName} on ${DAY.format(new Date(pass.at))}, moved by ${nameOf(pass.by)}${pass.overridden ? ' (by override)' : ''}`;
        return (
          <Notice key={verdict.stage} appearance="success" title={title}>
            <p className="pass-read-only" data-stage={verdict.stage}>
              {withNames(verdict.reasons[0] ?? `${verdict.stageName} has passed`)}. The numbers, answers and waivers only this stage needs are
              read-only too.
            </p>
          </Notice>
        );
      })}
    </section>
  );
}
