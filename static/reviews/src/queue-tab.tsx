import { formatDistanceStrict } from 'date-fns';
import type { ReviewsView } from '../../../src/contract';
import { usePeople } from '../../shared/people';
import { BarChart } from './bar-chart';
import { formatDuration } from './format';
import { TicketLink } from './ticket-link';

const STATE_TEXT: Readonly<Record<string, string>> = {
  pending: 'not decided',
  stale: 'approval stale',
  expired: 'approval expired',
  unverified: 'record unverified',
};

/** What waits on whom: per team, oldest first; then the open tickets by the stage they wait at. */
export function QueueTab({ view, mine, onMineChange }: { readonly view: ReviewsView; readonly mine: boolean; readonly onMineChange: (mine: boolean) => void }) {
  const queue = mine ? view.myQueue : view.queue;
  const name = (team: string): string => view.teamNames[team] ?? team;
  const canFilter = view.myTeams.length > 0;
  const nameOf = usePeople(queue.teams.flatMap((t) => t.waiting.flatMap((w) => (w.reviewer === undefined ? [] : [w.reviewer]))));
  return (
    <>
      <p>
        <label className="label-inline">
          <input type="checkbox" checked={mine} disabled={!canFilter} onChange={(event) => onMineChange(event.target.checked)} />
          Waiting on my teams
        </label>
        <span className="hint">
          {canFilter ? ` (${view.myTeams.map(name).join(', ')})` : ' You are not in any team of this gate.'}
        </span>
      </p>
      {queue.teams.length === 0 ? (
        <p role="status">{mine ? 'Nothing waits on your teams.' : 'Nothing waits on any team.'}</p>
      ) : (
        <>
          <BarChart
            title="Tickets waiting per team"
            bars={queue.teams.map((t) => ({ label: t.name, value: t.waiting.length, text: String(t.waiting.length) }))}
          />
          <h2>Waiting on each team</h2>
          {queue.teams.map((team) => (
            <section key={team.team} className="card" aria-labelledby={`team-${team.team}`}>
              <h3 id={`team-${team.team}`}>
                {team.name} <span className="subtle">({team.waiting.length} waiting, longest {formatDuration(team.waiting[0]?.waitingMs)})</span>
              </h3>
              <table className="data-table">
                <thead>
                  <tr><th scope="col">Ticket</th><th scope="col">Summary</th><th scope="col">Stage</th><th scope="col">Why</th><th scope="col">Reviewer</th><th scope="col">Waiting</th></tr>
                </thead>
                <tbody>
                  {team.waiting.map((w) => (
                    <tr key={w.key}>
                      <td><TicketLink issueKey={w.key} /></td>
                      <td>{w.title}</td>
                      <td>{view.stageNames[w.stage] ?? w.stage}</td>
                      <td>{STATE_TEXT[w.state] ?? w.state}</td>
                      <td>{w.reviewer === undefined ? 'not assigned' : nameOf(w.reviewer)}</td>
                      <td><time dateTime={w.since} title={new Date(w.since).toUTCString()}>{formatDistanceStrict(new Date(w.since), new Date(view.now))}</time></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
      {queue.stages.length === 0 ? null : (
        <>
          <h2>Open tickets by stage</h2>
          {queue.stages.map((stage) => (
            <section key={stage.stage} aria-labelledby={`stage-${stage.stage}`}>
              <h3 id={`stage-${stage.stage}`}>{stage.name} <span className="subtle">({stage.tickets.length})</span></h3>
              <table className="data-table">
                <thead>
                  <tr><th scope="col">Ticket</th><th scope="col">Summary</th><th scope="col">Status</th><th scope="col">In stage since</th><th scope="col">Waiting on</th><th scope="col">Declined by</th></tr>
                </thead>
                <tbody>
                  {stage.tickets.map((t) => (
                    <tr key={t.key}>
                      <td><TicketLink issueKey={t.key} /></td>
                      <td>{t.title}</td>
                      <td>{t.status}</td>
                      <td><time dateTime={t.since}>{t.since.slice(0, 10)}</time></td>
                      <td>{t.waitingOn.map(name).join(', ') || '–'}</td>
                      <td>{t.declinedBy.map(name).join(', ') || '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
    </>
  );
}
