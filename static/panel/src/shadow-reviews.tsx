import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ShadowPanel } from '../../../src/contract';
import { LIMITS } from '../../../src/gate/constants';
import { resolverOf } from '../../shared/bridge';
import { usePeople } from '../../shared/people';

const call = resolverOf('panel');

/** A team's shadow review form: the stage, what the shadow would decide, and why. */
function ShadowReviewForm({ panel, onRecorded }: { readonly panel: ShadowPanel; readonly onRecorded: (next: ShadowPanel) => void }) {
  const mine = panel.teams.filter((t) => t.canReview);
  const [team, setTeam] = useState(mine[0]?.team ?? '');
  const stages = mine.find((t) => t.team === team)?.stages ?? [];
  const [stage, setStage] = useState(stages[0]?.key ?? '');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const id = useId();
  if (mine.length === 0) return null;
  const chosenStage = stages.some((s) => s.key === stage) ? stage : (stages[0]?.key ?? '');
  const send = async (verdict: 'approve' | 'decline', event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setPending(true);
    const result = await call('recordShadowReview', { team, stage: chosenStage, verdict, comment });
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(undefined);
    setComment('');
    onRecorded(result.data);
  };
  return (
    <form noValidate aria-label="Record a shadow review" onSubmit={(e) => void send('approve', e)}>
      <p className="subtle">You shadow {mine.map((t) => t.name).join(', ')}. Your review is shown to the team&apos;s approvers and never counts for the gate.</p>
      {mine.length > 1 ? (
        <>
          <label htmlFor={`${id}-team`}>Team</label>
          <select id={`${id}-team`} value={team} onChange={(e) => setTeam(e.target.value)}>
            {mine.map((t) => <option key={t.team} value={t.team}>{t.name}</option>)}
          </select>
        </>
      ) : null}
      <label htmlFor={`${id}-stage`}>Stage</label>
      <select id={`${id}-stage`} value={chosenStage} onChange={(e) => setStage(e.target.value)}>
        {stages.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
      </select>
      <label htmlFor={`${id}-comment`}>Your review</label>
      <textarea id={`${id}-comment`} value={comment} maxLength={LIMITS.commentLength} onChange={(e) => setComment(e.target.value)} aria-invalid={error !== undefined} />
      {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
      <div className="buttons">
        <button type="submit" className="button" disabled={pending}>Would approve</button>
        <button type="button" className="button" disabled={pending} onClick={() => void send('decline')}>Would decline</button>
      </div>
    </form>
  );
}

/**
 * The shadow program on the issue panel: shadow reviews of this ticket (who, for which team and stage, what they would
 * decide and why, who seconded it), a form for shadows, and "Second" for the team's approvers. Nothing shows for a
 * project without a shadow program.
 */
export function ShadowReviews() {
  const [panel, setPanel] = useState<ShadowPanel>();
  const [error, setError] = useState<string>();
  const nameOf = usePeople(panel?.reviews.flatMap((r) => [r.by, ...r.secondedBy]) ?? []);
  useEffect(() => {
    let current = true;
    void call('getShadowReviews', {}).then((result) => {
      if (!current) return;
      if (result.ok) setPanel(result.data);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);
  if (error !== undefined) return <p className="subtle">Shadow reviews could not be loaded: {error}</p>;
  if (panel === undefined || (panel.teams.length === 0 && panel.reviews.length === 0)) return null;
  const teamName = (key: string): string => panel.teams.find((t) => t.team === key)?.name ?? key;
  const stageName = (team: string, key: string): string => panel.teams.find((t) => t.team === team)?.stages.find((s) => s.key === key)?.name ?? key;
  const second = async (review: string): Promise<void> => {
    const result = await call('secondShadowReview', { review });
    if (result.ok) setPanel(result.data);
    else setError(result.error.message);
  };
  return (
    <section aria-labelledby="shadow-heading" className="shadow-section">
      <h2 id="shadow-heading">Shadow reviews</h2>
      {panel.reviews.length === 0 ? <p className="subtle">No shadow review yet.</p> : (
        <ul className="shadow-list" aria-label="Shadow reviews">
          {panel.reviews.map((r) => (
            <li key={r.id} className="shadow-item">
              <strong>{nameOf(r.by)}</strong> would {r.verdict} for {teamName(r.team)} at {stageName(r.team, r.stage)} (not binding): <span className="shadow-comment">{r.comment}</span>
              {r.secondedBy.length === 0 ? null : <span className="subtle"> Seconded by {r.secondedBy.map(nameOf).join(', ')}.</span>}
              {panel.canSecond.includes(r.team) && r.by !== panel.me && !r.secondedBy.includes(panel.me) ? (
                <button type="button" className="button button-subtle" onClick={() => void second(r.id)}>Second</button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ShadowReviewForm panel={panel} onRecorded={setPanel} />
    </section>
  );
}
