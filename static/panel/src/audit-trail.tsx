import { useState } from 'react';
import type { AuditEvent } from '../../../src/contract';
import { usePeople } from '../../shared/people';
import { RelativeTime } from '../../shared/time';
import { call } from './panel-call';
import type { PanelProps, PanelSection } from './panel-section';

const ACTION_WORDS: Readonly<Record<string, string>> = {
  decide: 'decided',
  'record-numbers': 'recorded numbers',
  'answer-questions': 'answered questions',
  override: 'overrode a stage',
  repair: 'repaired a record',
  'config-saved': 'saved the configuration',
};

/** Who did what and when, newest first (the gate's first page); older events load on demand. */
function AuditTrail({ gate, nameOf, teamName, stageName }: PanelProps) {
  const [older, setOlder] = useState<{ readonly events: readonly AuditEvent[]; readonly nextCursor: string | undefined } | undefined>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const events = [...gate.audit.events, ...(older?.events ?? [])];
  const nextCursor = older === undefined ? gate.audit.nextCursor : older.nextCursor;
  const now = gate.now;
  // Older pages name people the panel has not looked up yet; nameOf reads the same page-wide cache once they arrive.
  usePeople(older?.events.map((e) => e.actor) ?? []);

  const more = async (cursor: string): Promise<void> => {
    setPending(true);
    const result = await call('getAudit', { cursor });
    if (result.ok) setOlder({ events: [...(older?.events ?? []), ...result.data.events], nextCursor: result.data.nextCursor });
    setError(result.ok ? undefined : result.error.message);
    setPending(false);
  };

  return (
    <>
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
    </>
  );
}

function AuditBody(props: PanelProps) {
  // A new first page (after an action) starts the trail again.
  const newest = props.gate.audit.events[0];
  return <AuditTrail key={newest === undefined ? 'none' : `${newest.at}-${newest.actor}-${newest.action}`} {...props} />;
}

/** The audit trail, on demand: when the gate last changed while closed. */
export const AUDIT_SECTION: PanelSection = {
  key: 'audit',
  title: 'Audit trail',
  summary: ({ gate }) => {
    const count = gate.audit.events.length;
    if (count === 0) return 'nothing yet';
    return gate.audit.nextCursor === undefined ? `${count} ${count === 1 ? 'event' : 'events'}` : `the latest ${count} events`;
  },
  Body: AuditBody,
};
