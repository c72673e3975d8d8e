import { useEffect, useId, useRef, useState } from 'react';
import type { DecidePayload, TeamPermission } from '../../../src/contract';
import { LIMITS } from '../../../src/gate/constants';
import { decidedAs, missingReason } from '../../../src/gate/decisions';
import type { DecisionVerb } from '../../../src/gate/decisions';
import type { Team } from '../../../src/gate/config';
import { isWaitingOn } from '../../../src/gate/verdict';
import type { TeamVerdict, Verdict } from '../../../src/gate/verdict';
import { RelativeTime } from '../../shared/time';
import { call } from './panel-call';
import type { PanelProps } from './panel-section';
import { StateLozenge } from './state-lozenge';

const asSentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** What one team the viewer acts for asks of them: the first stage, from the current one on, that waits on it. */
interface Ask {
  readonly team: Team;
  readonly rights: TeamPermission;
  /** The stage waiting on the team's decision, if any. */
  readonly waitingIn?: Verdict | undefined;
  /** The team's state where it is needed most urgently. */
  readonly verdict?: TeamVerdict | undefined;
}

function askOf(team: Team, rights: TeamPermission, verdicts: readonly Verdict[], currentIndex: number): Ask {
  const needing = verdicts.slice(currentIndex).filter((v) => v.teams.some((t) => t.team === team.key));
  const waitingIn = needing.find((v) => v.teams.some((t) => t.team === team.key && isWaitingOn(t.state)));
  const verdict = (waitingIn ?? needing[0] ?? verdicts.find((v) => v.teams.some((t) => t.team === team.key)))?.teams.find((t) => t.team === team.key);
  return { team, rights, waitingIn, verdict };
}

/** The line saying what is asked of the viewer for one team, or where the team's decision stands. */
function AskLine({ ask, nameOf, now }: { readonly ask: Ask; readonly nameOf: (accountId: string) => string; readonly now: string }) {
  const { team, waitingIn, verdict } = ask;
  if (waitingIn !== undefined) {
    return (
      <p className="ask-line">
        <strong>{team.name}</strong> needs your decision for <strong>{waitingIn.stageName}</strong>
        {verdict !== undefined && verdict.state !== 'pending' ? <> <StateLozenge state={verdict.state} /> <span className="subtle">{asSentence(verdict.reason)}</span></> : null}
      </p>
    );
  }
  const decision = verdict?.decision;
  return (
    <p className="ask-line">
      <strong>{team.name}</strong> {verdict === undefined ? null : <StateLozenge state={verdict.state} />}
      {decision === undefined ? <span className="subtle"> No stage from here on waits on {team.name}.</span> : (
        <span className="subtle"> {decision.decision} by {nameOf(decision.by)} <RelativeTime at={decision.at} now={now} /></span>
      )}
    </p>
  );
}

/** Approve · Decline (with a reason) · Revoke for one team the viewer acts for; the reason field stays one line until used. */
function DecisionForm({ ask, hasDecision, nameOf, now, act }: {
  readonly ask: Ask;
  readonly hasDecision: boolean;
  readonly nameOf: (accountId: string) => string;
  readonly now: string;
  readonly act: PanelProps['act'];
}) {
  const { team, rights } = ask;
  const commentId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<{ readonly text: string; readonly focus: boolean } | undefined>();
  const [pending, setPending] = useState<DecisionVerb | undefined>();

  useEffect(() => {
    // A refusal from the app is the outcome of the action: focus goes to it, as it goes to the success line otherwise.
    if (error?.focus === true) errorRef.current?.focus();
  }, [error]);

  const send = async (decision: DecisionVerb): Promise<void> => {
    const text = comment.trim();
    const noReason = missingReason(decision, text, team.name);
    if (noReason !== undefined) {
      setError({ text: noReason, focus: false });
      document.getElementById(commentId)?.focus();
      return;
    }
    setError(undefined);
    setPending(decision);
    const payload: DecidePayload = { team: team.key, decision, ...(text === '' ? {} : { comment: text }) };
    const failure = await act(() => call('decide', payload), `You ${decidedAs(decision)} for ${team.name}.`);
    setPending(undefined);
    if (failure === undefined) setComment('');
    else setError({ text: failure.fieldErrors?.map((f) => f.message).join('; ') || failure.message, focus: true });
  };

  const state = ask.verdict?.state;
  // Approving again re-affirms a stale, expired or unverified approval, so only a valid approval hides the button.
  const mayApprove = (rights.canApprove ?? rights.canAct) && state !== 'approved';
  const mayDecline = (rights.canDecline ?? rights.canAct) && state !== 'declined';
  const mayRevoke = rights.canRevoke ?? hasDecision;
  const cannotApprove = !(rights.canApprove ?? rights.canAct) && rights.reason !== undefined;
  const errorId = `${commentId}-error`;
  return (
    <li className="ask" data-team={team.key}>
      <AskLine ask={ask} nameOf={nameOf} now={now} />
      <div className="ask-form">
        {mayApprove || mayDecline ? (
          <>
            <label className="visually-hidden" htmlFor={commentId}>Comment for {team.name}{mayDecline ? ' (required to decline)' : ''}</label>
            <textarea
              id={commentId}
              className="ask-comment"
              rows={1}
              placeholder={mayDecline ? 'Comment (required to decline)' : 'Comment'}
              value={comment}
              maxLength={LIMITS.commentLength}
              onChange={(e) => setComment(e.target.value)}
              aria-invalid={error !== undefined}
              {...(error === undefined ? {} : { 'aria-describedby': errorId })}
            />
          </>
        ) : null}
        <div className="ask-buttons">
          {mayApprove ? (
            <button type="button" className="button button-primary" aria-label={`Approve for ${team.name}`} disabled={pending !== undefined} onClick={() => void send('approve')}>
              {pending === 'approve' ? 'Approving…' : 'Approve'}
            </button>
          ) : null}
          {mayDecline ? (
            <button type="button" className="button button-danger" aria-label={`Decline for ${team.name}`} disabled={pending !== undefined} onClick={() => void send('decline')}>
              {pending === 'decline' ? 'Declining…' : 'Decline'}
            </button>
          ) : null}
          {mayRevoke ? (
            <button type="button" className="button" aria-label={`Revoke ${team.name}’s decision`} disabled={pending !== undefined} onClick={() => void send('revoke')}>
              {pending === 'revoke' ? 'Revoking…' : 'Revoke'}
            </button>
          ) : null}
        </div>
      </div>
      {error === undefined ? null : <p className="field-error" id={errorId} ref={errorRef} tabIndex={-1} role="alert">{error.text}</p>}
      {cannotApprove ? <p className="subtle why-not">You can’t approve for {team.name}. {asSentence(rights.reason ?? '')}</p> : null}
    </li>
  );
}

/** Why the viewer cannot decide for each of these teams, one line each (behind a disclosure). */
function WhyNot({ teams, permissionOf }: { readonly teams: readonly Team[]; readonly permissionOf: (key: string) => TeamPermission | undefined }) {
  return (
    <ul className="team-list">
      {teams.map((team) => (
        <li key={team.key} className="team-item" data-team={team.key}>
          <p className="why-not">
            You can’t decide for {team.name}. {asSentence(permissionOf(team.key)?.reason ?? `You are not in any of its groups (${team.groups.join(', ')})`)}
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * The top of the panel: what is asked of the viewer ("Managed Tenants SRE needs your decision for Promote to prod:
 * Approve · Decline"), or one line for someone who acts for no team; why not for the other teams on demand.
 */
export function YourDecisions({ gate, config, current, nameOf, act }: PanelProps) {
  const permissionOf = (key: string): TeamPermission | undefined => gate.permissions.find((p) => p.team === key);
  const gating = config.teams.filter((t) => config.stages.some((s) => s.requiredTeams.includes(t.key)));
  const currentIndex = Math.max(0, gate.verdicts.indexOf(current));
  const asks = gating.flatMap((team) => {
    const rights = permissionOf(team.key);
    return rights?.canAct === true ? [askOf(team, rights, gate.verdicts, currentIndex)] : [];
  });
  // What waits on the viewer first, in stage order; decided teams after.
  const order = (ask: Ask): number => (ask.waitingIn === undefined ? gate.verdicts.length : gate.verdicts.indexOf(ask.waitingIn));
  const sorted = [...asks].sort((a, b) => order(a) - order(b));
  const others = gating.filter((t) => permissionOf(t.key)?.canAct !== true);

  if (asks.length === 0) {
    return (
      <section className="your-decisions" aria-label="Asked of you">
        <div className="ask-none">
          <p>You are not an approver for any team of this gate: you can follow its progress here.</p>
          {others.length === 0 ? null : (
            <details className="why-not-all">
              <summary>Why?</summary>
              <WhyNot teams={others} permissionOf={permissionOf} />
            </details>
          )}
        </div>
      </section>
    );
  }
  return (
    <section className="your-decisions" aria-label="Asked of you">
      <ul className="asks">
        {sorted.map((ask) => {
          const decision = gate.records.decisions[ask.team.key];
          return <DecisionForm key={ask.team.key} ask={ask} hasDecision={decision !== undefined && decision.decision !== 'revoked'} nameOf={nameOf} now={gate.now} act={act} />;
        })}
      </ul>
      {others.length === 0 ? null : (
        <details className="other-teams">
          <summary>Why you can’t decide for the other {others.length === 1 ? 'team' : `${others.length} teams`}</summary>
          <WhyNot teams={others} permissionOf={permissionOf} />
        </details>
      )}
    </section>
  );
}
