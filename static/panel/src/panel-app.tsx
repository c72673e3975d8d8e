import { useCallback, useEffect, useState } from 'react';
import type { AuditEvent, GateView, ResolverResult } from '../../../src/contract';
import { resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { usePeople } from '../../shared/people';
import { AuditTrail } from './audit-trail';
import { NumbersForm } from './numbers-form';
import { OverrideForm } from './override-form';
import { Questionnaire } from './questionnaire';
import { ReviewerAssignment } from './reviewer-assignment';
import { ShadowReviews } from './shadow-reviews';
import { StageCard } from './stage-card';
import { decisionInWords, TeamActions } from './team-actions';
import { UnverifiedNotice } from './unverified-notice';

const call = resolverOf('panel');

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: Failure } | { readonly status: 'ready'; readonly gate: GateView };

/** The issue panel: one getGate on open, then every action's answer replaces the view. */
export function PanelApp() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [olderEvents, setOlderEvents] = useState<{ events: readonly AuditEvent[]; nextCursor: string | undefined } | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const nameOfAccount = usePeople(load.status === 'ready' ? accountsIn(load.gate, olderEvents?.events ?? []) : []);

  /** Bumped to load the gate again (after a failed load). */
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void call('getGate').then((result) => {
      if (current) setLoad(result.ok ? { status: 'ready', gate: result.data } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  /** Runs an action whose answer is the updated gate; answers the failure for the form to show. */
  const act = useCallback(async (run: () => Promise<ResolverResult<GateView>>, done: string): Promise<Failure | undefined> => {
    setAnnouncement('');
    const result = await run();
    if (!result.ok) return result.error;
    setLoad({ status: 'ready', gate: result.data });
    setOlderEvents(undefined);
    setAnnouncement(done);
    return undefined;
  }, []);

  if (load.status === 'loading') return <Loading what="the go-live gate" />;
  if (load.status === 'failed') {
    const retry = (): void => {
      setLoad({ status: 'loading' });
      setAttempt((n) => n + 1);
    };
    return <FailedLoad error={load.error} onRetry={retry} />;
  }

  const { gate } = load;
  const config = gate.config;
  if (!gate.configured || config === undefined) {
    return <NotConfigured />;
  }

  const nameOf = (accountId: string): string => (accountId === gate.me.accountId ? 'you' : nameOfAccount(accountId));
  const stageName = (key: string): string => config.stages.find((s) => s.key === key)?.name ?? key;
  const teamName = (key: string): string => config.teams.find((t) => t.key === key)?.name ?? key;
  const gatingTeams = config.teams.filter((t) => config.stages.some((s) => s.requiredTeams.includes(t.key)));
  const events = [...gate.audit.events, ...(olderEvents?.events ?? [])];
  const nextCursor = olderEvents === undefined ? gate.audit.nextCursor : olderEvents.nextCursor;

  const loadMore = async (cursor: string): Promise<string | undefined> => {
    const result = await call('getAudit', { cursor });
    if (!result.ok) return result.error.message;
    setOlderEvents({ events: [...(olderEvents?.events ?? []), ...result.data.events], nextCursor: result.data.nextCursor });
    return undefined;
  };

  return (
    <main className="panel" aria-label={`Go-Live Gate for ${gate.issue.key}`}>
      <div className="live-region live-success" role="status" aria-live="polite">{announcement}</div>
      <UnverifiedNotice unverified={gate.unverified} />
      {gate.verdicts.filter((v) => v.override !== undefined).map((v) => (
        <Notice key={v.stage} appearance="warning" title={`${v.stageName} was overridden`}>
          <p>The gate was forced open for this stage; the missing approvals were not given. See the justification on the stage below.</p>
        </Notice>
      ))}
      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading">Stages</h2>
        {gate.verdicts.map((verdict) => <StageCard key={verdict.stage} verdict={verdict} now={gate.now} nameOf={nameOf} />)}
      </section>
      <TeamActions
        gate={gate}
        teams={gatingTeams}
        onDecide={(payload, teamName) => act(() => call('decide', payload), decisionInWords(payload, teamName))}
      />
      {config.numbers.length === 0 ? null : (
        <NumbersForm key={gate.records.numbers?.at ?? 'none'} gate={gate} specs={config.numbers} nameOf={nameOf} onRecord={(payload) => act(() => call('recordNumbers', payload), 'Numbers recorded.')} />
      )}
      {config.questions.length === 0 ? null : (
        <Questionnaire
          key={gate.records.answers?.at ?? 'none'}
          gate={gate}
          questions={config.questions}
          stageName={stageName}
          nameOf={nameOf}
          onAnswer={(payload) => act(() => call('answerQuestions', payload), 'Answers saved.')}
        />
      )}
      {gate.canOverride ? (
        <OverrideForm verdicts={gate.verdicts} onOverride={(payload, name) => act(() => call('override', payload), `${name} overridden.`)} />
      ) : null}
      <ReviewerAssignment />
      <ShadowReviews />
      <AuditTrail events={events} nextCursor={nextCursor} now={gate.now} nameOf={nameOf} teamName={teamName} stageName={stageName} loadMore={loadMore} />
    </main>
  );
}

/** Every account the view names: deciders, recorders, overriders and audit actors. */
function accountsIn(gate: GateView, olderEvents: readonly AuditEvent[]): string[] {
  return [
    ...Object.values(gate.records.decisions).map((d) => d.by),
    ...Object.values(gate.records.overrides).map((o) => o.by),
    ...(gate.records.numbers === undefined ? [] : [gate.records.numbers.by]),
    ...(gate.records.answers === undefined ? [] : [gate.records.answers.by]),
    ...gate.audit.events.map((e) => e.actor),
    ...olderEvents.map((e) => e.actor),
  ].filter((id) => id !== gate.me.accountId);
}

/** A failed first load, worded by what the user can do about it. */
function FailedLoad({ error, onRetry }: { readonly error: Failure; readonly onRetry: () => void }) {
  if (error.code === 'forbidden') {
    return (
      <Notice appearance="warning" title="You can’t see this gate">
        <p>{error.message}</p>
        <p>Ask a project admin for access to this project.</p>
      </Notice>
    );
  }
  if (error.code === 'not-found') {
    return (
      <Notice appearance="warning" title="This issue’s gate can’t be shown">
        <p>{error.message}</p>
        <p>The issue may have been moved or deleted, or you may have lost access to it: reload the issue, or ask a project admin.</p>
      </Notice>
    );
  }
  if (error.code === 'not-configured') {
    return <NotConfigured />;
  }
  return <LoadError message={error.message} onRetry={onRetry} />;
}

/** The project has no gate yet: nothing to show, and who can set it up. */
function NotConfigured() {
  return (
    <Notice appearance="info" title="No gate configured">
      <p>This project has no gate configured — a project admin can set it up in Project settings → Go-Live Gate.</p>
    </Notice>
  );
}
