import type { ReviewsView } from '../../../src/contract';
import { usePeople } from '../../shared/people';
import { TicketLink } from './ticket-link';

/** Every stage forced open, for review after the fact: who, when and why. */
export function OverridesTab({ view }: { readonly view: ReviewsView }) {
  const nameOf = usePeople(view.overrides.flatMap((o) => (o.by === undefined ? [] : [o.by])));
  if (view.overrides.length === 0) return <p role="status">No stage has been overridden.</p>;
  return (
    <table className="data-table" aria-label="Overrides">
      <thead>
        <tr><th scope="col">Ticket</th><th scope="col">Summary</th><th scope="col">Stage</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Justification</th></tr>
      </thead>
      <tbody>
        {view.overrides.map((o) => (
          <tr key={`${o.key}-${o.stage}`}>
            <td><TicketLink issueKey={o.key} /></td>
            <td>{o.title}</td>
            <td>{o.stageName}</td>
            <td>{o.by === undefined ? 'unknown' : nameOf(o.by)}</td>
            <td>{o.at === undefined ? 'unknown' : <time dateTime={o.at}>{o.at.replace('T', ' ').slice(0, 16)} UTC</time>}</td>
            <td className="justification">{o.justification ?? 'The override record is not readable here; open the ticket to see it.'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
