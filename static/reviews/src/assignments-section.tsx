import type { ReviewsView } from '../../../src/contract';
import { usePeople } from '../../shared/people';
import { formatDuration } from './format';

/** Reviewer assignment measured (bench tab): per team and per assigned reviewer, how assignments of the period ended and how fast. */
export function AssignmentsSection({ view }: { readonly view: ReviewsView }) {
  const teams = view.assignments ?? [];
  const nameOf = usePeople(teams.flatMap((t) => t.reviewers.map((r) => r.accountId)));
  return (
    <>
      <h2>Reviewer assignments</h2>
      <p className="hint">
        Assignments made in the period: time from a ticket&apos;s assignment to the team&apos;s decision, how many were reassigned before anyone
        decided, and how many are still open. A reviewer&apos;s ticket that someone else in the team decided counts as decided by another.
      </p>
      {teams.length === 0 ? (
        <p role="status">No reviewer was assigned in this period: team members assign one on the issue panel.</p>
      ) : (
        <table className="data-table" aria-label="Reviewer assignments">
          <thead>
            <tr>
              <th scope="col">Team / reviewer</th><th scope="col">Assigned</th><th scope="col">Decided</th><th scope="col">Median to decision</th>
              <th scope="col">90th percentile</th><th scope="col">Reassigned</th><th scope="col">Open</th><th scope="col">Decided by another</th><th scope="col">Round-robin</th>
            </tr>
          </thead>
          {teams.map((team) => (
            <tbody key={team.team}>
              <tr className="group-row">
                <th scope="row">{team.name}</th>
                <td>{team.assigned}</td><td>{team.decided}</td><td>{formatDuration(team.medianMs)}</td><td>{formatDuration(team.p90Ms)}</td>
                <td>{team.reassigned}</td><td>{team.open}</td><td>{team.decidedByOther}</td><td>{team.roundRobin}</td>
              </tr>
              {team.reviewers.map((r) => (
                <tr key={r.accountId}>
                  <th scope="row" className="indented">{nameOf(r.accountId)}</th>
                  <td>{r.assigned}</td><td>{r.decided}</td><td>{formatDuration(r.medianMs)}</td><td>{formatDuration(r.p90Ms)}</td>
                  <td>{r.reassigned}</td><td>{r.open}</td><td>{r.decidedByOther}</td><td>–</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </>
  );
}
