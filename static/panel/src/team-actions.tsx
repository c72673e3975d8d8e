import { useId, useState } from 'react';
import type { DecidePayload, GateView, TeamPermission } from '../../../src/contract';
import { AREA_NAMES, AREAS, LIMITS } from '../../../src/gate/constants';
import { decidedAs, missingReason } from '../../../src/gate/decisions';
import type { DecisionVerb } from '../../../src/gate/decisions';
import type { Team } from '../../../src/gate/config';
import type { TeamVerdict } from '../../../src/gate/verdict';
import type { Failure } from '../../shared/bridge';
import { StateLozenge } from './state-lozenge';

export type Decide = (payload: DecidePayload, teamName: string) => Promise<Failure | undefined>;

const asSentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The backend also says which of the three decisions the user may make (the reporter may decline but not approve...);
 * without those details every decision follows canAct.
 */

/** Approve, decline (with a reason) and revoke for one team the user may act for. */
function TeamDecisionForm({ team, rights, verdict, hasDecision, onDecide }: {
  readonly team: Team;
  readonly rights: TeamPermission;
  readonly verdict: TeamVerdict | undefined;
  readonly hasDecision: boolean;
  readonly onDecide: Decide;
}) {
  const commentId = useId();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState<DecisionVerb | undefined>();

  const send = async (decision: DecisionVerb): Promise<void> => {
    const text = comment.trim();
    const noReason = missingReason(decision, text, team.name);
    if (noReason !== undefined) {
      setError(noReason);
      document.getElementById(commentId)?.focus();
      return;
    }
    setError(undefined);
    setPending(decision);
    const failure = await onDecide({ team: team.key, decision, ...(text === '' ? {} : { comment: text }) }, team.name);
    setPending(undefined);
    if (failure === undefined) setComment('');
    else setError(failure.fieldErrors?.map((f) => f.message).join('; ') || failure.message);
  };

  const state = verdict?.state;
  // Approving again re-affirms a stale, expired or unverified approval, so only a valid approval hides the button.
  const mayApprove = (rights.canApprove ?? rights.canAct) && state !== 'approved';
  const mayDecline = (rights.canDecline ?? rights.canAct) && state !== 'declined';
  const mayRevoke = rights.canRevoke ?? hasDecision;
  const cannotApprove = !(rights.canApprove ?? rights.canAct) && rights.reason !== undefined;
  return (
    <div className="decision-form">
      {mayApprove || mayDecline ? (
        <>
          <label htmlFor={commentId}>Comment for {team.name}{mayDecline ? ' (required to decline)' : ''}</label>
          <textarea
            id={commentId}
            value={comment}
            maxLength={LIMITS.commentLength}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={error !== undefined}
            {...(error === undefined ? {} : { 'aria-describedby': `${commentId}-error` })}
          />
        </>
      ) : null}
      {error === undefined ? null : <p className="field-error" id={`${commentId}-error`} role="alert">{error}</p>}
      {cannotApprove ? <p className="subtle why-not">You can’t approve for {team.name}. {asSentence(rights.reason ?? '')}</p> : null}
      <div className="buttons">
        {mayApprove ? (
          <button type="button" className="button button-primary" disabled={pending !== undefined} onClick={() => void send('approve')}>
            {pending === 'approve' ? 'Approving…' : `Approve for ${team.name}`}
          </button>
        ) : null}
        {mayDecline ? (
          <button type="button" className="button button-danger" disabled={pending !== undefined} onClick={() => void send('decline')}>
            {pending === 'decline' ? 'Declining…' : `Decline for ${team.name}`}
          </button>
        ) : null}
        {mayRevoke ? (
          <button type="button" className="button" disabled={pending !== undefined} onClick={() => void send('revoke')}>
            {pending === 'revoke' ? 'Revoking…' : `Revoke ${team.name}’s decision`}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** Teams grouped by area, in the order of AREAS. */
function byArea(teams: readonly Team[]): { area: (typeof AREAS)[number]; teams: Team[] }[] {
  return AREAS.map((area) => ({ area, teams: teams.filter((t) => t.area === area) })).filter((group) => group.teams.length > 0);
}

/**
 * The teams the user may act for, each with its decision form; then every other gating team with why the user
 * cannot decide for it (open at once when the user can decide for none).
 */
export function TeamActions({ gate, teams, onDecide }: { readonly gate: GateView; readonly teams: readonly Team[]; readonly onDecide: Decide }) {
  const permissionOf = (key: string): TeamPermission | undefined => gate.permissions.find((p) => p.team === key);
  const verdictOf = (key: string): TeamVerdict | undefined => gate.verdicts.flatMap((v) => v.teams).find((t) => t.team === key);
  const actionable = teams.filter((t) => permissionOf(t.key)?.canAct === true);
  const others = teams.filter((t) => permissionOf(t.key)?.canAct !== true);
  const state = (key: string) => {
    const verdict = verdictOf(key);
    return verdict === undefined ? null : <StateLozenge state={verdict.state} />;
  };
  const whyNot = (
    <ul className="team-list">
      {byArea(others).map(({ area, teams: inArea }) => (
        <li key={area} className="area">
          <h3>{AREA_NAMES[area]}</h3>
          <ul className="team-list">
            {inArea.map((team) => (
              <li key={team.key} className="team-item" data-team={team.key}>
                <span className="team-name">{team.name}</span> {state(team.key)}
                <p className="subtle why-not">
                  You can’t decide for {team.name}. {asSentence(permissionOf(team.key)?.reason ?? `You are not in any of its groups (${team.groups.join(', ')})`)}
                </p>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="team-actions-heading">
      <h2 id="team-actions-heading">Team decisions</h2>
      {actionable.length === 0 ? (
        <p className="subtle">You are not an approver for any team of this gate: you can follow progress here, but not decide.</p>
      ) : (
        <ul className="team-list">
          {actionable.map((team) => {
            const decision = gate.records.decisions[team.key];
            const rights = permissionOf(team.key) ?? { team: team.key, canAct: true };
            return (
              <li key={team.key} className="team-item" data-team={team.key}>
                <div className="team-line">
                  <span className="team-name">{team.name}</span> <span className="subtle">({AREA_NAMES[team.area]})</span> {state(team.key)}
                </div>
                <TeamDecisionForm team={team} rights={rights} verdict={verdictOf(team.key)} hasDecision={decision !== undefined && decision.decision !== 'revoked'} onDecide={onDecide} />
              </li>
            );
          })}
        </ul>
      )}
      {others.length === 0 ? null : actionable.length === 0 ? whyNot : (
        <details className="other-teams">
          <summary>Why you can’t decide for the other {others.length === 1 ? 'team' : `${others.length} teams`}</summary>
          {whyNot}
        </details>
      )}
    </section>
  );
}

export const decisionInWords = (payload: DecidePayload, teamName: string): string => `You ${decidedAs(payload.decision)} for ${teamName}.`;
