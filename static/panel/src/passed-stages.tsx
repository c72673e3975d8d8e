import { Notice } from '../../shared/notice';
import type { PanelProps } from './panel-section';

/**
 * The stages the ticket has passed: "Promote to prod passed", then who moved it, when, and why its decisions are
 * read-only, in the rules' own sentence (with names for account ids), so nothing is said twice.
 */
export function PassedStages({ verdicts, withNames }: Pick<PanelProps, 'verdicts' | 'withNames'>) {
  const passed = verdicts.filter((v) => v.passed !== undefined);
  if (passed.length === 0) return null;
  return (
    <section className="passed-stages" aria-label="Passed stages">
      {passed.map((verdict) => {
        const pass = verdict.passed;
        if (pass === undefined) return null;
        const title = `${verdict.stageName} passed${pass.overridden ? ' by override' : ''}`;
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
