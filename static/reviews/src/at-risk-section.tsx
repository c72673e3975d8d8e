import type { ReviewsView } from '../../../src/contract';
import { AT_RISK_HORIZON_DAYS, freezeInWords } from '../../../src/gate/deadline-words';
import { TicketLink } from './ticket-link';

/**
 * Tickets at risk of missing a release deadline (issue 16), above the tabs: each open ticket whose stage freezes within
 * two weeks (or froze) and is not ready, most urgent first, with the time left and what is still missing in the
 * panel's words.
 */
export function AtRiskSection({ view }: { readonly view: ReviewsView }) {
  const entries = view.atRisk ?? [];
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="at-risk-heading" className="at-risk">
      <h2 id="at-risk-heading">
        At risk of missing a release deadline <span className="subtle">({entries.length}, next {AT_RISK_HORIZON_DAYS} days and passed)</span>
      </h2>
      <table className="data-table">
        <thead>
          <tr><th scope="col">Ticket</th><th scope="col">Summary</th><th scope="col">Stage</th><th scope="col">Deadline</th><th scope="col">Still missing</th></tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.key}/${entry.stage}`}>
              <td><TicketLink issueKey={entry.key} /></td>
              <td>{entry.title}</td>
              <td>{entry.stageName}</td>
              <td>
                <span className={`lozenge ${entry.frozen ? 'lozenge-danger' : 'lozenge-warning'}`}>{entry.frozen ? 'frozen' : 'at risk'}</span>{' '}
                <time dateTime={entry.deadline}>{freezeInWords(entry, view.now)}</time>
              </td>
              <td>
                {entry.missing.join('; ') || 'an exception to the freeze'}
                {entry.outdated ? <span className="hint"> (checked before the release changed; opening the ticket checks again)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
