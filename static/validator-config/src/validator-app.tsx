import { useEffect, useId, useRef, useState } from 'react';
import { workflowRules } from '@forge/jira-bridge';
import type { StageChoices } from '../../../src/contract';
import { getContext, resolverOf } from '../../shared/bridge';
import { Loading, Notice } from '../../shared/notice';
import type { SavedChoice } from './stage-choice';
import { configurationOf, describeChoice, savedChoice, STAGE_KEY_PATTERN, stageOptions, TEMPLATE_STAGES } from './stage-choice';

type OnConfigureFn = Parameters<typeof workflowRules.onConfigure>[0];
type Mode = 'create' | 'edit' | 'view';
type Setup =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly mode: Mode; readonly saved: SavedChoice; readonly choices?: StageChoices | undefined; readonly problem?: string | undefined };

/** The select's value for "each project's strictest stage": not a stage key, so it cannot collide with one. */
const STRICTEST = '*strictest';

/** The validator's configuration screens have a resolver of their own (manifest.yml): Forge gives them no project. */
const call = resolverOf('validatorConfig');

const modeOf = (entryPoint: unknown): Mode => (entryPoint === 'view' || entryPoint === 'edit' ? entryPoint : 'create');
const valueOf = (choice: SavedChoice): string => (choice.kind === 'stage' ? choice.stage : choice.kind === 'strictest' ? STRICTEST : '');
const choiceOf = (value: string): SavedChoice => (value === STRICTEST ? { kind: 'strictest' } : value.trim() === '' ? { kind: 'none' } : { kind: 'stage', stage: value.trim() });

/**
 * Configures which stage a transition enforces; Jira saves the answer of onConfigure with the workflow. Forge tells this
 * screen no project (a company-managed workflow may be shared by several), so it lists the stages of every project
 * where the gate is configured and says, for the choice made, what happens in each of them.
 */
export function ValidatorApp() {
  const [setup, setSetup] = useState<Setup>({ status: 'loading' });
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const chosen = useRef('');
  const inputId = useId();

  useEffect(() => {
    const start = async (): Promise<void> => {
      const context = await getContext();
      const extension = context.extension as { validatorConfig?: unknown; entryPoint?: unknown };
      const mode = modeOf(extension.entryPoint);
      const saved = savedChoice(extension.validatorConfig);
      const result = await call('getStageChoices');
      chosen.current = valueOf(saved);
      setValue(valueOf(saved));
      setSetup({ status: 'ready', mode, saved, choices: result.ok ? result.data : undefined, problem: result.ok ? undefined : result.error.message });
      if (mode !== 'view') {
        // Jira asks for the configuration when the admin saves the rule; undefined refuses the save.
        const readConfiguration = (): string | undefined => {
          const choice = choiceOf(chosen.current);
          if (choice.kind === 'none') {
            setError('Choose the stage this transition enforces.');
            return undefined;
          }
          if (choice.kind === 'stage' && !STAGE_KEY_PATTERN.test(choice.stage)) {
            setError('A stage key uses 1 to 40 lowercase letters, digits or dashes, starting with a letter.');
            return undefined;
          }
          setError(undefined);
          return configurationOf(choice);
        };
        await workflowRules.onConfigure(readConfiguration as OnConfigureFn);
      }
    };
    start().catch((failure: unknown) => {
      setError(`Could not start the configuration: ${failure instanceof Error ? failure.message : String(failure)}`);
      setSetup({ status: 'ready', mode: 'view', saved: { kind: 'none' } });
    });
  }, []);

  if (setup.status === 'loading') return <Loading what="the stages" />;

  const choose = (next: string): void => {
    chosen.current = next;
    setValue(next);
    setError(undefined);
  };
  const { choices } = setup;
  const listed = choices !== undefined && choices.projects.length > 0 ? choices : undefined;

  if (setup.mode === 'view') {
    return (
      <main className="validator" aria-label="Go-Live Gate validator">
        <p>{describeChoice(choices, setup.saved)}</p>
        {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
      </main>
    );
  }

  const errorId = `${inputId}-error`;
  const describedBy = error === undefined ? `${inputId}-hint` : `${inputId}-hint ${errorId}`;
  const options = listed === undefined ? [] : stageOptions(listed);
  const current = choiceOf(value);
  return (
    <main className="validator" aria-label="Configure the Go-Live Gate validator">
      {listed !== undefined ? (
        <>
          <label htmlFor={inputId}>Stage this transition enforces</label>
          <select id={inputId} value={value} onChange={(e) => choose(e.target.value)} aria-invalid={error !== undefined} aria-describedby={describedBy}>
            <option value="">Choose a stage…</option>
            <option value={STRICTEST}>Each project’s strictest stage</option>
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.name} ({o.key}){o.missingIn.length > 0 ? ` · not in ${o.missingIn.join(', ')}` : ''}
              </option>
            ))}
            {current.kind === 'stage' && !options.some((o) => o.key === current.stage) ? <option value={current.stage}>{current.stage} (in no project’s gate)</option> : null}
          </select>
          <p className="hint" id={`${inputId}-hint`}>
            This workflow may be shared: the stages are those of {listed.projects.map((p) => `${p.name} (${p.key})`).join(', ')}, where the gate is configured.
            {listed.scopedProjectId === undefined && listed.commonStages.length < options.length ? ' Stages marked “not in” are missing from those projects.' : ''}
          </p>
        </>
      ) : (
        <>
          <label htmlFor={inputId}>Stage key this transition enforces</label>
          <input
            id={inputId}
            type="text"
            list={`${inputId}-suggestions`}
            value={value === STRICTEST ? '' : value}
            onChange={(e) => choose(e.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={describedBy}
          />
          <datalist id={`${inputId}-suggestions`}>
            {TEMPLATE_STAGES.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
          </datalist>
          <p className="hint" id={`${inputId}-hint`}>
            {setup.problem ?? 'No project you can see has the gate configured yet.'} Type the key of a stage from the gate’s configuration, for example <code>go-live</code>.
          </p>
        </>
      )}
      {error === undefined ? null : <p className="field-error" id={errorId} role="alert">{error}</p>}
      {current.kind === 'none' ? null : (
        <Notice appearance={current.kind === 'stage' && listed !== undefined && options.find((o) => o.key === current.stage)?.missingIn.length !== 0 ? 'warning' : 'info'} title="What this does">
          <p>{describeChoice(listed, current)}</p>
        </Notice>
      )}
    </main>
  );
}
