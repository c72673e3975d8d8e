import { useState } from 'react';
import type { AuditEvent } from '../../../src/contract';
import { RelativeTime } from '../../shared/time';

const ACTION_WORDS: Readonly<Record<string, string>> = {
  decide: 'decided',
  'record-numbers': 'recorded numbers',
  'answer-questions': 'answered questions',
  override: 'overrode a stage',
  repair: 'repaired a record',
  'config-saved': 'saved the configuration',
};

/** Who did what and when, newest first; older events load on demand. */
export function AuditTrail({ events, nextCursor, now, nameOf, teamName, stageName, loadMore }: {
  readonly events: readonly AuditEvent[];
  readonly nextCursor: string | undefined;
  readonly now: string;
  readonly nameOf: (accountId: string) => string;
  readonly teamName: (key: string) => string;
  readonly stageName: (key: string) => string;
  readonly loadMore: (cursor: string) => Promise<string | undefined>;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const more = async (cursor: string): Promise<void> => {
    setPending(true);
    setError(await loadMore(cursor));
    setPending(false);
  };

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      {events.length === 0 ? <p className="subtle">Nothing has happened on this gate yet.</p> : (
        <ol className="audit" aria-label="Audit events, newest first">
          {events.map((event, index) => (
            <li key={`${event.at}-${index}`} className="audit-event">
              <span className="audit-when"><RelativeTime at={event.at} now={now} /></span>{' '}
              <span className="audit-who">{nameOf(event.actor)}</span>{' '}
              <span className="audit-what">{ACTION_WORDS[event.action] ?? event.action}</span>
              {event.team === undefined ? null : <span className="subtle"> · {teamName(event.team)}</span>}
              {event.stage === undefined ? null : <span className="subtle"> · {stageName(event.stage)}</span>}
              {event.detail === '' ? null : <p className="audit-detail user-text">{event.detail}</p>}
              {event.outcome === 'failed' ? <p className="audit-outcome field-error">Did not take effect. {event.outcomeDetail ?? ''}</p> : null}
              {event.outcome === 'pending' ? <p className="audit-outcome subtle">Not confirmed: the write was interrupted before the record reached the issue, so it does not count.</p> : null}
            </li>
          ))}
        </ol>
      )}
      {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
      {nextCursor === undefined ? null : (
        <button type="button" className="button" disabled={pending} onClick={() => void more(nextCursor)}>
          {pending ? 'Loading…' : error === undefined ? 'Load more' : 'Try loading more again'}
        </button>
      )}
    </section>
  );
}
