import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { GadgetOverview, ProjectOverview } from '../../../src/contract';
import { getContext, resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { formatDuration } from '../../shared/duration';
import { TicketLink } from '../../shared/ticket-link';
import type { GadgetSettings } from './gadget-settings';
import { PERIODS, settingsOf } from './gadget-settings';

const call = resolverOf('gadget');

type Load =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: Failure }
  | { readonly status: 'ready'; readonly editing: boolean; readonly settings: GadgetSettings; readonly overview: GadgetOverview };

/**
 * The Go-Live Gate dashboard gadget: its edit view picks projects and a period; its view shows, per picked project,
 * what waits at each stage and on which teams, and the review throughput, from the reviews page's own resolver code.
 */
export function GadgetApp() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    void (async () => {
      const context = await getContext();
      const extension = context.extension as { entryPoint?: string; gadgetConfiguration?: unknown };
      const settings = settingsOf(extension.gadgetConfiguration);
      const editing = extension.entryPoint === 'edit';
      const result = await call('getOverview', { projectKeys: editing ? [] : [...settings.projects], days: settings.days });
      if (active) setLoad(result.ok ? { status: 'ready', editing, settings, overview: result.data } : { status: 'failed', error: result.error });
    })();
    return () => {
      active = false;
    };
  }, [attempt]);

  if (load.status === 'loading') return <Loading what="the reviews" />;
  if (load.status === 'failed') return <LoadError message={load.error.message} onRetry={() => setAttempt((n) => n + 1)} />;
  return load.editing ? <EditView settings={load.settings} overview={load.overview} /> : <OverviewView settings={load.settings} overview={load.overview} />;
}

/** The edit view: the gated projects the user can see, as checkboxes, and the period. */
function EditView({ settings, overview }: { readonly settings: GadgetSettings; readonly overview: GadgetOverview }) {
  const [picked, setPicked] = useState<readonly string[]>(settings.projects);
  const [days, setDays] = useState<GadgetSettings['days']>(settings.days);
  const [saving, setSaving] = useState(false);
  const toggle = (key: string, on: boolean): void => setPicked((now) => (on ? [...now.filter((k) => k !== key), key] : now.filter((k) => k !== key)));
  return (
    <form
      className="gadget-edit"
      aria-label="Gadget settings"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        void view.submit({ projects: picked, days }).finally(() => setSaving(false));
      }}
    >
      {overview.available.length === 0 ? (
        <p role="status">No project you can see has a Go-Live Gate yet.</p>
      ) : (
        <fieldset>
          <legend>Projects</legend>
          {overview.available.map((p) => (
            <label key={p.key} className="check">
              <input type="checkbox" checked={picked.includes(p.key)} onChange={(e) => toggle(p.key, e.currentTarget.checked)} /> {p.name} ({p.key})
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        Period
        <select value={days} onChange={(e) => setDays(PERIODS.find((d) => String(d) === e.currentTarget.value) ?? 30)}>
          {PERIODS.map((d) => <option key={d} value={d}>Last {d} days</option>)}
        </select>
      </label>
      <button type="submit" className="button button-primary" disabled={saving || picked.length === 0 || picked.length > 10}>
        Save
      </button>
      {picked.length > 10 ? <p role="alert">Pick at most 10 projects.</p> : null}
    </form>
  );
}

function OverviewView({ settings, overview }: { readonly settings: GadgetSettings; readonly overview: GadgetOverview }) {
  if (settings.projects.length === 0) return <p role="status">Pick the projects to show: choose Edit on this gadget.</p>;
  return (
    <main className="gadget" aria-label="Go-Live Gate reviews">
      <p className="subtle">Throughput of the last {overview.days} days; waits as of now.</p>
      {overview.unknown.length === 0 ? null : (
        <Notice appearance="warning" title={`Not shown: ${overview.unknown.join(', ')}`}>
          <p>These projects have no Go-Live Gate, or you cannot see them.</p>
        </Notice>
      )}
      {overview.projects.map((project) => <ProjectSection key={project.key} project={project} />)}
    </main>
  );
}

function ProjectSection({ project }: { readonly project: ProjectOverview }) {
  const { throughput: t } = project;
  const waiting = project.stages.reduce((n, s) => n + s.waiting, 0);
  return (
    <section className="gadget-project" aria-labelledby={`project-${project.key}`}>
      <h2 id={`project-${project.key}`}>{project.name} ({project.key})</h2>
      <p>
        {waiting} of {project.tickets} gated tickets waiting{waiting === 0 ? '' : ': '}
        {project.stages.filter((s) => s.waiting > 0).map((s) => `${s.name} ${s.waiting}`).join(', ')}
        {project.truncated ? ' (the first 10,000 tickets only)' : ''}
      </p>
      {project.teams.length === 0 ? null : (
        <table className="data-table" aria-label={`${project.key}: waiting longest`}>
          <thead>
            <tr><th scope="col">Team</th><th scope="col">Waiting</th><th scope="col">Oldest</th></tr>
          </thead>
          <tbody>
            {project.teams.map((team) => (
              <tr key={team.team}>
                <th scope="row">{team.name}</th>
                <td>{team.waiting}</td>
                <td>{team.oldestKey === undefined ? '–' : <><TicketLink issueKey={team.oldestKey} /> {formatDuration(team.oldestMs)}</>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="gadget-figures" aria-label={`${project.key}: throughput`}>
        <div><dt>Decisions</dt><dd>{t.decisions}</dd></div>
        <div><dt>Declines</dt><dd>{t.declines}</dd></div>
        <div><dt>Median to decision</dt><dd>{formatDuration(t.medianMs)}</dd></div>
        <div><dt>90th percentile</dt><dd>{formatDuration(t.p90Ms)}</dd></div>
        <div><dt>Went stale</dt><dd>{t.stale}</dd></div>
        <div><dt>Expired</dt><dd>{t.expired}</dd></div>
        {t.passed.map((s) => <div key={s.stage}><dt>Passed {s.name}</dt><dd>{s.passed}</dd></div>)}
      </dl>
    </section>
  );
}
