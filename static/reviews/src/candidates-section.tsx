import type { ReviewsView } from '../../../src/contract';
import { usePeople } from '../../shared/people';
import { TicketLink } from './ticket-link';

/** People to invite (bench tab): who took part in a team's reviews in the period without being in its groups. */
export function CandidatesSection({ view }: { readonly view: ReviewsView }) {
  const teams = view.candidates ?? [];
  const nameOf = usePeople(teams.flatMap((t) => t.candidates.map((c) => c.accountId)));
  return (
    <>
      <h2>People to invite</h2>
      <p className="hint">
        People who commented on a team&apos;s tickets while the team reviewed them (the ticket was in the status where that stage is reviewed), in the
        period, without being in the team&apos;s groups or shadow groups: candidates for its shadow program. The ticket&apos;s reporter is not counted.
      </p>
      {teams.length === 0 ? (
        <p role="status">Nobody outside the teams commented on their reviews in this period.</p>
      ) : (
        <table className="data-table" aria-label="People to invite">
          <thead>
            <tr><th scope="col">Person</th><th scope="col">Team</th><th scope="col">Comments</th><th scope="col">Tickets</th><th scope="col">Invite to</th></tr>
          </thead>
          <tbody>
            {teams.flatMap((team) =>
              team.candidates.map((c) => (
                <tr key={`${team.team}-${c.accountId}`}>
                  <th scope="row">{nameOf(c.accountId)}</th>
                  <td>{team.name}</td>
                  <td>{c.comments}</td>
                  <td>
                    {c.ticketCount}:{' '}
                    {c.tickets.map((key, i) => (
                      <span key={key}>
                        {i === 0 ? null : ', '}
                        <TicketLink issueKey={key} />
                      </span>
                    ))}
                    {c.ticketCount > c.tickets.length ? ', …' : null}
                  </td>
                  <td>{team.groups.join(' or ')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
