import type { ReviewsView } from '../../../src/contract';
import { Notice } from '../../shared/notice';
import { usePeople } from '../../shared/people';
import { BarChart } from './bar-chart';
import { BenchTrendChart, latestBench } from './bench-trend-chart';
import { AssignmentsSection } from './assignments-section';
import { CandidatesSection } from './candidates-section';
import { ShadowsSection } from './shadows-section';

/** Bench depth: who can approve for each team and how the period's decisions were spread among them. */
export function BenchTab({ view }: { readonly view: ReviewsView }) {
  const nameOf = usePeople(view.bench.flatMap((b) => b.approvers.map((a) => a.accountId)));
  const warned = view.bench.filter((b) => b.warning !== undefined);
  const maxEligible = Math.max(1, ...view.benchTrend.flatMap((t) => t.points.map((p) => p.eligible ?? 0)));
  return (
    <>
      {warned.length === 0 ? (
        <Notice appearance="success" title="Every team has a healthy bench" />
      ) : (
        <Notice appearance="warning" title={`${warned.length} ${warned.length === 1 ? 'team has' : 'teams have'} a thin bench`}>
          <ul>
            {warned.map((b) => <li key={b.team}>{b.warning}</li>)}
          </ul>
        </Notice>
      )}
      <BarChart title="People who can approve per team" bars={view.bench.map((b) => ({ label: b.name, value: b.approvers.length, text: String(b.approvers.length) }))} />
      <h2>Bench over time</h2>
      <p className="hint">
        Per week of the period (30 days for periods over 92 days), bars show how many people could approve and dots the busiest person&apos;s
        share of the decisions (the dashed line marks half). The app keeps who could approve once a day, when this page is first opened.
      </p>
      <table className="data-table" aria-label="Bench over time">
        <thead>
          <tr><th scope="col">Team</th><th scope="col">Bench and concentration</th><th scope="col">Last span</th></tr>
        </thead>
        <tbody>
          {view.benchTrend.map((trend) => (
            <tr key={trend.team}>
              <th scope="row">{trend.name}</th>
              <td><BenchTrendChart trend={trend} maxEligible={maxEligible} /></td>
              <td>{latestBench(trend)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShadowsSection view={view} />
      <CandidatesSection view={view} />
      <AssignmentsSection view={view} />
      <h2>Who decided</h2>
      <table className="data-table" aria-label="Bench depth per team">
        <thead>
          <tr><th scope="col">Team</th><th scope="col">Groups</th><th scope="col">Can approve</th><th scope="col">Decisions in period, per person</th><th scope="col">Warning</th></tr>
        </thead>
        <tbody>
          {view.bench.map((b) => (
            <tr key={b.team}>
              <th scope="row">{b.name}</th>
              <td>{b.groups.join(', ')}</td>
              <td>{b.approvers.length}</td>
              <td>
                <ul className="plain-list">
                  {b.approvers.map((a) => <li key={a.accountId}>{nameOf(a.accountId)}: {a.decisions}</li>)}
                  {b.formerApproverDecisions > 0 ? <li>people no longer in the groups: {b.formerApproverDecisions}</li> : null}
                </ul>
              </td>
              <td>{b.warning === undefined ? '–' : <span className="lozenge lozenge-warning">thin bench</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
