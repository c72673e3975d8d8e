import { useEffect, useId, useRef, useState } from 'react';
import { workflowRules } from '@forge/jira-bridge';
import { getContext, resolverOf } from '../../shared/bridge';
import { Loading, Notice } from '../../shared/notice';
import { STAGE_KEY_PATTERN, stageFromConfig, TEMPLATE_STAGES } from './stage-choice';

type OnConfigureFn = Parameters<typeof workflowRules.onConfigure>[0];
type Mode = 'create' | 'edit' | 'view';
type Stages = { readonly from: 'project'; readonly list: readonly { key: string; name: string }[] } | { readonly from: 'templates'; readonly reason: string };
type Setup = { readonly status: 'loading' } | { readonly status: 'ready'; readonly mode: Mode; readonly projectKey: string | undefined; readonly stages: Stages; readonly saved: string | undefined };

/** The validator's configuration screens are served by the settings resolver (manifest.yml). */
const call = resolverOf('settings');

const modeOf = (entryPoint: unknown): Mode => (entryPoint === 'view' || entryPoint === 'edit' ? entryPoint : 'create');

/** Configures which stage a transition enforces; Jira saves the answer of onConfigure with the workflow. */
export function ValidatorApp() {
  const [setup, setSetup] = useState<Setup>({ status: 'loading' });
  const [stage, setStage] = useState('');
  const [error, setError] = useState<string | undefined>();
  const chosen = useRef('');
  const inputId = useId();

  useEffect(() => {
    const start = async (): Promise<void> => {
      const context = await getContext();
      const extension = context.extension as { validatorConfig?: unknown; entryPoint?: unknown; project?: { key?: unknown } };
      const mode = modeOf(extension.entryPoint);
      const saved = stageFromConfig(extension.validatorConfig);
      const result = await call('getConfig');
      const stages: Stages = result.ok && result.data.config !== undefined
        ? { from: 'project', list: result.data.config.stages.map((s) => ({ key: s.key, name: s.name })) }
        : { from: 'templates', reason: result.ok ? 'This project has no gate configured yet.' : result.error.message };
      chosen.current = saved ?? '';
      setStage(saved ?? '');
      setSetup({ status: 'ready', mode, projectKey: typeof extension.project?.key === 'string' ? extension.project.key : undefined, stages, saved });
      if (mode !== 'view') {
        // Jira asks for the configuration when the admin saves the rule; undefined refuses the save.
        const readConfiguration = (): string | undefined => {
          const key = chosen.current.trim();
          if (!STAGE_KEY_PATTERN.test(key)) {
            setError(key === '' ? 'Choose the stage this transition enforces.' : 'A stage key uses 1 to 40 lowercase letters, digits or dashes, starting with a letter.');
            return undefined;
          }
          setError(undefined);
          return JSON.stringify({ stage: key });
        };
        await workflowRules.onConfigure(readConfiguration as OnConfigureFn);
      }
    };
    start().catch((failure: unknown) => {
      setError(`Could not start the configuration: ${failure instanceof Error ? failure.message : String(failure)}`);
      setSetup({ status: 'ready', mode: 'view', projectKey: undefined, stages: { from: 'templates', reason: '' }, saved: undefined });
    });
  }, []);

  if (setup.status === 'loading') return <Loading what="the stages" />;

  const choose = (key: string): void => {
    chosen.current = key;
    setStage(key);
    setError(undefined);
  };
  const stageName = (key: string): string =>
    (setup.stages.from === 'project' ? setup.stages.list : TEMPLATE_STAGES).find((s) => s.key === key)?.name ?? key;

  if (setup.mode === 'view') {
    return (
      <main className="validator" aria-label="Go-Live Gate validator">
        <p>
          {setup.saved === undefined ? 'No stage chosen: this validator lets every transition through until it is configured.' : (
            <>Blocks this transition until the gate’s <strong>{stageName(setup.saved)}</strong> stage (<code>{setup.saved}</code>) is ready.</>
          )}
        </p>
        {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
      </main>
    );
  }

  const errorId = `${inputId}-error`;
  const describedBy = error === undefined ? `${inputId}-hint` : `${inputId}-hint ${errorId}`;
  return (
    <main className="validator" aria-label="Configure the Go-Live Gate validator">
      {setup.stages.from === 'project' ? (
        <>
          <label htmlFor={inputId}>Stage this transition enforces</label>
          <select id={inputId} value={stage} onChange={(e) => choose(e.target.value)} aria-invalid={error !== undefined} aria-describedby={describedBy}>
            <option value="">Choose a stage…</option>
            {setup.stages.list.map((s) => <option key={s.key} value={s.key}>{s.name} ({s.key})</option>)}
            {stage !== '' && !setup.stages.list.some((s) => s.key === stage) ? <option value={stage}>{stage} (not in the project’s gate)</option> : null}
          </select>
          <p className="hint" id={`${inputId}-hint`}>
            The transition is refused until every team the stage requires{setup.projectKey === undefined ? '' : ` in ${setup.projectKey}`} has agreed and its numbers and answers are recorded.
          </p>
        </>
      ) : (
        <>
          <label htmlFor={inputId}>Stage key this transition enforces</label>
          <input
            id={inputId}
            type="text"
            list={`${inputId}-suggestions`}
            value={stage}
            onChange={(e) => choose(e.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={describedBy}
          />
          <datalist id={`${inputId}-suggestions`}>
            {TEMPLATE_STAGES.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </datalist>
          <p className="hint" id={`${inputId}-hint`}>
            {setup.stages.reason} Type the key of a stage from the project’s gate, for example <code>go-live</code>.
          </p>
        </>
      )}
      {error === undefined ? null : <p className="field-error" id={errorId} role="alert">{error}</p>}
      {stage === '' ? null : (
        <Notice appearance="info" title="What this does">
          <p>Blocks the transition until the gate’s {stageName(stage)} stage is ready, and shows the reason when it is not.</p>
        </Notice>
      )}
    </main>
  );
}
