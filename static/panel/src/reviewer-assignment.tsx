import { useEffect, useId, useState } from 'react';
import type { ReviewerAssignments } from '../../../src/contract';
import { resolverOf } from '../../shared/bridge';
import { usePeople } from '../../shared/people';

const call = resolverOf('panel');
type TeamAssignment = ReviewerAssignments['teams'][number];

/** Assigning one team's reviewer: a member chosen from the list, or round-robin. */
function AssignForm({ team, nameOf, onAssign }: { readonly team: TeamAssignment; readonly nameOf: (id: string) => string; readonly onAssign: (assignee: string | undefined) => Promise<void> }) {
  const members = team.members ?? [];
  const [chosen, setChosen] = useState(team.reviewer ?? members[0] ?? '');
  const [pending, setPending] = useState(false);
  const id = useId();
  const assign = async (assignee: string | undefined): Promise<void> => {
    setPending(true);
    await onAssign(assignee);
    setPending(false);
  };
  return (
    <span className="assign-form">
      <label htmlFor={id} className="visually-hidden">Reviewer for {team.name}</label>
      <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        {members.map((m) => <option key={m} value={m}>{nameOf(m)}</option>)}
      </select>
      <button type="button" className="button" disabled={pending || chosen === ''} onClick={() => void assign(chosen)}>
        {team.reviewer === undefined ? 'Assign' : 'Reassign'} for {team.name}
      </button>
      <button type="button" className="button button-subtle" disabled={pending} onClick={() => void assign(undefined)}>Round-robin for {team.name}</button>
    </span>
  );
}

/**
 * Each team's named reviewer of this ticket on the issue panel; a member of a team may assign or reassign its reviewer
 * (someone of the team, or round-robin by queue length).
 */
export function ReviewerAssignment() {
  const [assignments, setAssignments] = useState<ReviewerAssignments>();
  const [error, setError] = useState<string>();
  const nameOf = usePeople(assignments?.teams.flatMap((t) => [...(t.reviewer === undefined ? [] : [t.reviewer]), ...(t.members ?? [])]) ?? []);
  useEffect(() => {
    let current = true;
    void call('getReviewers', {}).then((result) => {
      if (!current) return;
      if (result.ok) setAssignments(result.data);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);
  if (assignments === undefined) return error === undefined ? null : <p className="subtle">Reviewers could not be loaded: {error}</p>;
  const shown = assignments.teams.filter((t) => t.reviewer !== undefined || t.members !== undefined);
  if (shown.length === 0) return null;
  const assign = async (team: string, assignee: string | undefined): Promise<void> => {
    const result = await call('assignReviewer', { team, ...(assignee !== undefined && { assignee }) });
    if (result.ok) {
      setAssignments(result.data);
      setError(undefined);
    } else setError(result.error.message);
  };
  return (
    <section aria-labelledby="reviewers-heading">
      <h2 id="reviewers-heading">Reviewers</h2>
      {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
      <ul className="reviewer-list" aria-label="Reviewers">
        {shown.map((t) => (
          <li key={t.team} className="reviewer-item">
            <span className="team-name">{t.name}</span>: {t.reviewer === undefined ? 'not assigned' : `${nameOf(t.reviewer)}${t.how === 'round-robin' ? ' (round-robin)' : ''}`}{' '}
            {t.members === undefined ? null : <AssignForm key={t.reviewer ?? 'none'} team={t} nameOf={nameOf} onAssign={(assignee) => assign(t.team, assignee)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
