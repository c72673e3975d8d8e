import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { DecidePayload } from '../../../src/contract';
import { LIMITS } from '../../../src/gate/constants';
import { decidedAs, missingReason } from '../../../src/gate/decisions';
import type { DecisionVerb } from '../../../src/gate/decisions';
import type { Failure } from '../../shared/bridge';
import { RelativeTime } from '../../shared/time';
import { listInWords } from './gate-words';
import type { StageAsk, TeamAsk } from './stage-asks';
import { actionLabel, approvalCount, defaultStages } from './stage-asks';
import { StateLozenge } from './state-lozenge';

const asSentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The line saying what is asked of the viewer for one team, or where the team's decisions stand. */
function AskLine({ ask, nameOf, now }: { readonly ask: TeamAsk; readonly nameOf: (accountId: string) => string; readonly now: string }) {
  const waiting = ask.stages.filter((s) => s.waiting);
  const first = waiting[0];
  if (first !== undefined) {
    const count = first.verdict.needed > 1 ? ` (${approvalCount(first.verdict)})` : '';
    return (
      <p className="ask-line">
        <strong>{ask.teamName}</strong> needs your decision for <strong>{first.stageName}</strong>
        {count}
        {first.verdict.state === 'pending' ? null : <> <StateLozenge state={first.verdict.state} /> <span className="subtle">{asSentence(first.verdict.reason)}</span></>}
      </p>
    );
  }
  const last = ask.stages[ask.stages.length - 1];
  const decision = last?.verdict.decision;
  return (
    <p className="ask-line">
      <strong>{ask.teamName}</strong> {last === undefined ? null : <StateLozenge state={last.verdict.state} />}
      {decision === undefined ? <span className="subtle"> No stage from here on waits on {ask.teamName}.</span> : (
        <span className="subtle"> {last?.stageName}: {decision.decision} by {nameOf(decision.by)} <RelativeTime at={decision.at} now={now} /></span>
      )}
    </p>
  );
}

/** The stages the viewer chooses to decide for, when they may decide for more than one. */
function StageChoice({ ask, chosen, onChange }: { readonly ask: TeamAsk; readonly chosen: readonly string[]; readonly onChange: (stages: string[]) => void }) {
  const open = ask.stages.filter((s) => s.rights.canApprove || s.rights.canDecline);
  if (open.length < 2) return null;
  const toggle = (stage: StageAsk, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(stage.stage);
    else next.delete(stage.stage);
    onChange(ask.stages.map((s) => s.stage).filter((s) => next.has(s)));
  };
  return (
    <fieldset className="stage-choice">
      <legend className="visually-hidden">Stages to decide for {ask.teamName}</legend>
      {open.map((s) => (
        <label key={s.stage} className="stage-option">
          <input type="checkbox" checked={chosen.includes(s.stage)} onChange={(e) => toggle(s, e.target.checked)} />
          {s.stageName}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Approve · Decline (with a reason) · Revoke for one team the viewer acts for, naming the stage ("Approve Promote to
 * prod"); where the viewer may decide at several stages they choose which ("Approve for Beta and GA").
 */
export function TeamAskForm({ ask, nameOf, now, onDecide, waive }: {
  readonly ask: TeamAsk;
  readonly nameOf: (accountId: string) => string;
  readonly now: string;
  readonly onDecide: (payload: DecidePayload, done: string) => Promise<Failure | undefined>;
  /** "Not applicable…" for the team, when the viewer may mark it so. */
  readonly waive?: ReactNode;
}) {
  const commentId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => defaultStages(ask));
  const [error, setError] = useState<{ readonly text: string; readonly focus: boolean } | undefined>();
  const [pending, setPending] = useState<DecisionVerb | undefined>();

  useEffect(() => {
    // A refusal from the app is the outcome of the action: focus goes to it, as it goes to the success line otherwise.
    if (error?.focus === true) errorRef.current?.focus();
  }, [error]);

  const picked = ask.stages.filter((s) => chosen.includes(s.stage));
  const approvable = picked.filter((s) => s.rights.canApprove && s.verdict.state !== 'approved');
  const declinable = picked.filter((s) => s.rights.canDecline && s.verdict.state !== 'declined');
  const revocable = ask.stages.filter((s) => s.rights.canRevoke);

  const send = async (decision: DecisionVerb, stages: readonly StageAsk[]): Promise<void> => {
    const text = comment.trim();
    const noReason = missingReason(decision, text, ask.teamName);
    if (noReason !== undefined) {
      setError({ text: noReason, focus: false });
      document.getElementById(commentId)?.focus();
      return;
    }
    setError(undefined);
    setPending(decision);
    const payload: DecidePayload = { stages: stages.map((s) => s.stage), team: ask.team, decision, ...(text === '' ? {} : { comment: text }) };
    const failure = await onDecide(payload, `You ${decidedAs(decision)} ${listInWords(stages.map((s) => s.stageName))} for ${ask.teamName}.`);
    setPending(undefined);
    if (failure === undefined) setComment('');
    else setError({ text: failure.fieldErrors?.map((f) => f.message).join('; ') || failure.message, focus: true });
  };

  const cannot = ask.stages.find((s) => s.waiting && !s.rights.canApprove && s.rights.reason !== undefined);
  const errorId = `${commentId}-error`;
  const anyOpen = ask.stages.some((s) => s.rights.canApprove || s.rights.canDecline);
  return (
    <li className="ask" data-team={ask.team}>
      <AskLine ask={ask} nameOf={nameOf} now={now} />
      <div className="ask-form">
        <StageChoice ask={ask} chosen={chosen} onChange={setChosen} />
        {anyOpen ? (
          <>
            <label className="visually-hidden" htmlFor={commentId}>Comment for {ask.teamName} (required to decline)</label>
            <textarea
              id={commentId}
              className="ask-comment"
              rows={1}
              placeholder="Comment (required to decline)"
              value={comment}
              maxLength={LIMITS.commentLength}
              onChange={(e) => setComment(e.target.value)}
              aria-invalid={error !== undefined}
              {...(error === undefined ? {} : { 'aria-describedby': errorId })}
            />
          </>
        ) : null}
        <div className="ask-buttons">
          {approvable.length > 0 ? (
            <button type="button" className="button button-primary" aria-label={`${actionLabel('Approve', approvable.map((s) => s.stageName))} for ${ask.teamName}`} disabled={pending !== undefined} onClick={() => void send('approve', approvable)}>
              {pending === 'approve' ? 'Approving…' : actionLabel('Approve', approvable.map((s) => s.stageName))}
            </button>
          ) : null}
          {declinable.length > 0 ? (
            <button type="button" className="button button-danger" aria-label={`${actionLabel('Decline', declinable.map((s) => s.stageName))} for ${ask.teamName}`} disabled={pending !== undefined} onClick={() => void send('decline', declinable)}>
              {pending === 'decline' ? 'Declining…' : actionLabel('Decline', declinable.map((s) => s.stageName))}
            </button>
          ) : null}
          {revocable.length > 0 ? (
            <button type="button" className="button" aria-label={`Revoke your decision for ${ask.teamName} at ${listInWords(revocable.map((s) => s.stageName))}`} disabled={pending !== undefined} onClick={() => void send('revoke', revocable)}>
              {pending === 'revoke' ? 'Revoking…' : 'Revoke'}
            </button>
          ) : null}
          {waive}
        </div>
      </div>
      {chosen.length === 0 && ask.stages.some((s) => s.waiting && s.rights.canApprove) ? <p className="subtle why-not">Choose the stages to decide for.</p> : null}
      {error === undefined ? null : <p className="field-error" id={errorId} ref={errorRef} tabIndex={-1} role="alert">{error.text}</p>}
      {cannot === undefined ? null : <p className="subtle why-not">You can’t approve {cannot.stageName} for {ask.teamName}. {asSentence(cannot.rights.reason ?? '')}</p>}
    </li>
  );
}
