import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchDepth, ConfigView } from '../../../src/contract';
import { parseGateConfig } from '../../../src/gate/config';
import type { FieldError, GateConfig } from '../../../src/gate/config';
import { resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { usePeople } from '../../shared/people';
import { RelativeTime } from '../../shared/time';
import { scratchConfig } from './draft';
import { describePath, focusPath } from './error-paths';
import { NumbersEditor } from './numbers-editor';
import { PoliciesEditor } from './policies-editor';
import { QuestionsEditor } from './questions-editor';
import { StagesEditor, TeamStageGrid } from './stages-editor';
import { StartChooser } from './start-chooser';
import { TeamsEditor } from './teams-editor';
import { Transfer } from './transfer';

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: Failure } | { readonly status: 'ready'; readonly view: ConfigView };
type Bench = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly teams: readonly BenchDepth[] };

const call = resolverOf('settings');

/** The project settings page: edit the gate, save it whole or not at all. */
export function SettingsApp() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<GateConfig | undefined>();
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [bench, setBench] = useState<Bench | undefined>();
  const summary = useRef<HTMLDivElement>(null);
  const nameOf = usePeople(load.status === 'ready' && load.view.savedBy !== undefined ? [load.view.savedBy] : []);

  const loadBench = useCallback(async (): Promise<void> => {
    setBench({ status: 'loading' });
    const result = await call('getBenchDepth');
    setBench(result.ok ? { status: 'ready', teams: result.data } : { status: 'failed', message: result.error.message });
  }, []);

  /** Shows a saved configuration (after load, save or import) and forgets the edits made on top of the old one. */
  const showSaved = useCallback((view: ConfigView): void => {
    setLoad({ status: 'ready', view });
    setDraft(view.config);
    setErrors([]);
    setFailure(undefined);
    if (view.config !== undefined) void loadBench();
  }, [loadBench]);

  const fetchConfig = useCallback(async (): Promise<void> => {
    setLoad({ status: 'loading' });
    const result = await call('getConfig');
    if (result.ok) showSaved(result.data);
    else setLoad({ status: 'failed', error: result.error });
  }, [showSaved]);

  useEffect(() => {
    void fetchConfig();
  }, [fetchConfig]);

  if (load.status === 'loading') return <Loading what="the gate configuration" />;
  if (load.status === 'failed') {
    if (load.error.code === 'forbidden') {
      return (
        <Notice appearance="warning" title="Only project admins can configure the gate">
          <p>{load.error.message}</p>
        </Notice>
      );
    }
    return <LoadError message={load.error.message} onRetry={() => void fetchConfig()} />;
  }

  const { view } = load;
  const savedVersion = view.config?.version ?? 0;
  const dirty = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(view.config);

  const showErrors = (found: readonly FieldError[]): void => {
    setErrors(found);
    setTimeout(() => summary.current?.focus(), 0);
  };

  const applyTemplate = async (template: string): Promise<void> => {
    setBusy(template);
    setFailure(undefined);
    const result = await call('applyTemplate', { template });
    setBusy(undefined);
    if (!result.ok) {
      setFailure(result.error);
      return;
    }
    showSaved(result.data);
    setAnnouncement('Template applied and saved. Adjust it below and save again.');
  };

  const save = async (): Promise<void> => {
    if (draft === undefined) return;
    setFailure(undefined);
    const parsed = parseGateConfig({ ...draft, version: savedVersion });
    if (!parsed.ok) {
      showErrors(parsed.errors);
      return;
    }
    setBusy('save');
    const result = await call('saveConfig', { config: parsed.value });
    setBusy(undefined);
    if (result.ok) {
      showSaved(result.data);
      setAnnouncement(`Configuration saved${result.data.config === undefined ? '' : ` (version ${result.data.config.version})`}.`);
      return;
    }
    setFailure(result.error);
    if (result.error.fieldErrors !== undefined && result.error.fieldErrors.length > 0) showErrors(result.error.fieldErrors.map((e) => ({ ...e, path: e.path.replace(/^config\./, '') })));
  };

  return (
    <main className="settings" aria-label={`Go-Live Gate settings for ${view.projectKey}`}>
      <h1>Go-Live Gate for {view.projectKey}</h1>
      <p className="subtle">
        {view.config === undefined ? 'No gate is configured yet: issues in this project can move freely.' : (
          <>
            Version {view.config.version}
            {view.savedBy === undefined ? '' : `, saved by ${nameOf(view.savedBy)}`}
            {view.savedAt === undefined ? '' : ' '}
            {view.savedAt === undefined ? null : <RelativeTime at={view.savedAt} now={new Date().toISOString()} />}.
          </>
        )}
      </p>
      <div className="live-region live-success" role="status" aria-live="polite">{announcement}</div>
      {failure?.code === 'conflict' ? (
        <Notice
          appearance="warning"
          title="Someone else saved the configuration first"
          action={<button type="button" className="button" onClick={() => void fetchConfig()}>Load the latest version (discards your changes)</button>}
        >
          <p>{failure.message}</p>
          <p>Your changes are not saved. Load the latest version and make them again, or export the latest to compare.</p>
        </Notice>
      ) : failure === undefined || errors.length > 0 ? null : (
        <Notice appearance="error" title="Not saved">
          <p>{failure.message}</p>
        </Notice>
      )}
      {draft === undefined ? (
        <StartChooser templates={view.templates} replacing={view.config !== undefined} busy={busy} onTemplate={(key) => void applyTemplate(key)} onScratch={() => setDraft(scratchConfig(savedVersion))} />
      ) : (
        <>
          {errors.length === 0 ? null : (
            <div ref={summary} tabIndex={-1} className="error-summary" role="alert" aria-labelledby="error-summary-heading">
              <h2 id="error-summary-heading">Nothing was saved: fix {errors.length === 1 ? 'this problem' : `these ${errors.length} problems`}</h2>
              <ul>
                {errors.map((e, i) => (
                  <li key={i}>
                    <button type="button" className="button-link" onClick={() => focusPath(e.path)}>
                      {describePath(draft, e.path)}
                    </button>
                    : {e.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <TeamsEditor
            config={draft}
            savedKeys={new Set(view.config?.teams.map((t) => t.key) ?? [])}
            errors={errors}
            bench={bench?.status === 'ready' ? bench.teams : undefined}
            benchLoading={bench?.status === 'loading'}
            onChange={setDraft}
          />
          {bench?.status === 'failed' ? <p className="hint">Could not count approvers: {bench.message}</p> : null}
          <StagesEditor config={draft} savedKeys={new Set(view.config?.stages.map((s) => s.key) ?? [])} errors={errors} onChange={setDraft} />
          <TeamStageGrid config={draft} errors={errors} onChange={setDraft} />
          <NumbersEditor config={draft} errors={errors} onChange={setDraft} />
          <QuestionsEditor config={draft} errors={errors} onChange={setDraft} />
          <PoliciesEditor config={draft} errors={errors} onChange={setDraft} />
          <div className="save-bar">
            <button type="button" className="button button-primary" disabled={busy !== undefined || !dirty} onClick={() => void save()}>
              {busy === 'save' ? 'Saving…' : 'Save configuration'}
            </button>
            <button type="button" className="button button-subtle" disabled={busy !== undefined || !dirty} onClick={() => { setDraft(view.config); setErrors([]); setFailure(undefined); }}>
              Discard changes
            </button>
            <span className="subtle">{dirty ? 'You have unsaved changes.' : 'All changes saved.'}</span>
          </div>
          {view.templates.length === 0 ? null : (
            <details className="replace-template">
              <summary>Replace with a template</summary>
              <StartChooser templates={view.templates} replacing={view.config !== undefined} busy={busy} onTemplate={(key) => void applyTemplate(key)} onScratch={() => setDraft(scratchConfig(savedVersion))} />
            </details>
          )}
        </>
      )}
      <Transfer projectKey={view.projectKey} hasSaved={view.config !== undefined} dirty={dirty} onImported={(imported) => { showSaved(imported); setAnnouncement('Configuration imported.'); }} />
    </main>
  );
}
