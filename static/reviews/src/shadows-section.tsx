import type { ReviewsView } from '../../../src/contract';
import { Notice } from '../../shared/notice';
import { usePeople } from '../../shared/people';

const progress = (value: number, wanted: number): string => `${value} of ${wanted}`;

/** The shadow program on the bench tab: each shadow's progress against the graduation criteria, and who is ready. */
export function ShadowsSection({ view }: { readonly view: ReviewsView }) {
  const { shadows, graduation } = view;
  const nameOf = usePeople(shadows.flatMap((t) => t.shadows.map((s) => s.accountId)));
  const ready = shadows.flatMap((t) => t.shadows.filter((s) => s.ready).map((s) => `${nameOf(s.accountId)} (${t.name})`));
  return (
    <>
      <h2>Shadow program</h2>
      <p className="hint">
        Shadows record non-binding reviews that the team&apos;s approvers see and may second; they never count for the gate. A shadow is ready to become
        a full reviewer after {graduation.minReviews} shadow reviews across {graduation.minStages} stages, {graduation.minSeconded} of them seconded by a
        full reviewer.
      </p>
      {shadows.length === 0 ? (
        <p role="status">No team has a shadow program yet: give a team shadow groups in the gate&apos;s configuration.</p>
      ) : (
        <>
          {ready.length === 0 ? null : <Notice appearance="success" title={`Ready to graduate: ${ready.join(', ')}`} />}
          <table className="data-table" aria-label="Shadows">
            <thead>
              <tr><th scope="col">Shadow</th><th scope="col">Team</th><th scope="col">Shadow reviews</th><th scope="col">Stages</th><th scope="col">Seconded</th><th scope="col">Status</th></tr>
            </thead>
            <tbody>
              {shadows.flatMap((team) =>
                team.shadows.map((s) => (
                  <tr key={`${team.team}-${s.accountId}`}>
                    <th scope="row">{nameOf(s.accountId)}</th>
                    <td>{team.name}</td>
                    <td>{progress(s.reviews, graduation.minReviews)}</td>
                    <td>{progress(s.stages, graduation.minStages)}</td>
                    <td>{progress(s.seconded, graduation.minSeconded)}</td>
                    <td>{s.ready ? <span className="lozenge lozenge-success">ready to graduate</span> : <span className="lozenge">in progress</span>}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
