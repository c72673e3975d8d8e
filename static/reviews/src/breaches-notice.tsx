import type { ReviewsView } from '../../../src/contract';
import { Notice } from '../../shared/notice';
import { TicketLink } from './ticket-link';

/** Tickets whose measured usage is above what was agreed (issue 18), above the tabs: they need someone now. */
export function BreachesNotice({ view }: { readonly view: ReviewsView }) {
  const breaches = view.breaches ?? [];
  if (breaches.length === 0) return null;
  return (
    <Notice appearance="error" title={`${breaches.length} ${breaches.length === 1 ? 'ticket is' : 'tickets are'} over an agreed number`}>
      <ul aria-label="Tickets over an agreed number">
        {breaches.map((entry) => (
          <li key={entry.key}>
            <TicketLink issueKey={entry.key} /> {entry.title}: {entry.breaches.join('; ')}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
