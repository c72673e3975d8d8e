import { useEffect, useState } from 'react';
import type { ReviewsView } from '../../../src/contract';
import { Notice } from '../../shared/notice';
import { BarChart } from './bar-chart';
import { dayOf, formatDuration, lastDayOf } from './format';

/** An object URL for the CSV, revoked when it changes or the tab goes away. */
function useCsvUrl(csv: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    // The object URL is an outside resource made for this CSV and revoked with it: state is where the link reads it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [csv]);
  return url;
}

/** Review throughput over the period: per team and per stage, as charts with the numbers, a table and a CSV. */
export function ThroughputTab({ view }: { readonly view: ReviewsView }) {
  const { throughput } = view;
  const csvUrl = useCsvUrl(view.throughputCsv);
  const fileName = `go-live-gate-throughput-${view.projectKey}-${dayOf(throughput.from)}-${dayOf(throughput.to)}.csv`;
  const decided = throughput.teams.filter((t) => t.decisions > 0);
  return (
    <>
      <p className="subtle">Figures for {dayOf(throughput.from)} to {lastDayOf(throughput.to)} (UTC).</p>
      <p className="buttons">
        {csvUrl === undefined ? null : (
          <a className="button" href={csvUrl} download={fileName}>Download CSV</a>
        )}
      </p>
      <div className="charts">
        <BarChart title="Decisions per team" bars={decided.map((t) => ({ label: t.name, value: t.decisions, text: String(t.decisions) }))} />
        <BarChart
          title="Median time to decision"
          bars={decided.filter((t) => t.medianMs !== undefined).map((t) => ({ label: t.name, value: t.medianMs ?? 0, text: formatDuration(t.medianMs) }))}
        />
      </div>
      {decided.length === 0 ? <p role="status">No team decided anything in this period.</p> : null}
      <MeasurementNotice view={view} />
      <h2>Per team</h2>
      <table className="data-table" aria-label="Throughput per team">
        <thead>
          <tr>
            <th scope="col">Team</th><th scope="col">Decisions</th><th scope="col">Declines</th><th scope="col">Median time to decision</th>
            <th scope="col">90th percentile</th><th scope="col">Went stale</th><th scope="col">Expired</th><th scope="col">Revoked</th>
          </tr>
        </thead>
        <tbody>
          {throughput.teams.map((t) => (
            <tr key={t.team}>
              <th scope="row">{t.name}</th>
              <td>{t.decisions}</td>
              <td>{t.declines}</td>
              <td>{formatDuration(t.medianMs)}</td>
              <td>{formatDuration(t.p90Ms)}</td>
              <td>{t.stale}</td>
              <td>{t.expired}</td>
              <td>{t.revokes}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Every decision counts: a decline and a later approval are two. Time to decision runs from the moment the ticket entered review of a stage that
        needs the team (it moved into the status the stage&apos;s transition leaves from). Went stale and expired count approvals that stopped counting in
        the period: when what they covered changed, or when their lifetime ended; revoked decisions are not counted as decisions.
      </p>
      <h2>Per stage</h2>
      <BarChart title="Tickets that passed each stage" bars={throughput.stages.map((s) => ({ label: s.name, value: s.passed, text: String(s.passed) }))} />
      <table className="data-table" aria-label="Throughput per stage">
        <thead>
          <tr><th scope="col">Stage</th><th scope="col">Passed</th><th scope="col">Of which overridden</th><th scope="col">Median lead time</th><th scope="col">90th percentile</th></tr>
        </thead>
        <tbody>
          {throughput.stages.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{s.name}</th>
              <td>{s.passed}</td>
              <td>{s.overridden}</td>
              <td>{formatDuration(s.medianLeadMs)}</td>
              <td>{formatDuration(s.p90LeadMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Says which figures rest on estimates: decisions and stage entries from before the app kept a review history. */
function MeasurementNotice({ view }: { readonly view: ReviewsView }) {
  const { decisionsFromSummary, estimatedWaits, stagesWithoutEntryStatus, lapsesFromSummary = 0 } = view.measurement;
  if (decisionsFromSummary === 0 && estimatedWaits === 0 && stagesWithoutEntryStatus.length === 0 && lapsesFromSummary === 0) return null;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return (
    <Notice appearance="info" title="Some figures are estimates">
      <ul>
        {decisionsFromSummary === 0 ? null : (
          <li>
            {plural(decisionsFromSummary, 'decision was', 'decisions were')} made before the app kept a review history: for those tickets only each
            team&apos;s latest decision is known, so earlier ones (a decline before an approval) are missing.
          </li>
        )}
        {estimatedWaits === 0 ? null : (
          <li>
            {plural(estimatedWaits, 'wait starts', 'waits start')} at an estimate (the ticket&apos;s creation, or its previous stage passing), because
            the ticket&apos;s entry into review was not recorded.
          </li>
        )}
        {lapsesFromSummary === 0 ? null : (
          <li>
            {plural(lapsesFromSummary, 'approval', 'approvals')} went stale or expired before the app recorded when: each is counted in the period of
            the approval itself.
          </li>
        )}
        {stagesWithoutEntryStatus.length === 0 ? null : (
          <li>
            No status is set for {stagesWithoutEntryStatus.join(', ')}: set the status its transition leaves from in the gate&apos;s configuration so the
            app records when review begins.
          </li>
        )}
      </ul>
    </Notice>
  );
}
