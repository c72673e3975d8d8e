import { useCallback, useEffect, useState } from 'react';
import type { ConfigView } from '../../../src/contract';
import { parseGateConfig } from '../../../src/gate/config';
import type { FieldError, GateConfig } from '../../../src/gate/config';
import { resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { ConfigEditors } from './config-editors';
import { scratchConfig } from './draft';
import { ErrorSummary } from './error-summary';
import { SaveFailure } from './save-failure';
import { SavedVersion } from './saved-version';
import { StartChooser } from './start-chooser';
import { ProviderConnections } from './provider-connections';
import { Transfer } from './transfer';
import { useBenchDepth } from './use-bench-depth';

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: Failure } | { readonly status: 'ready'; readonly view: ConfigView };

const call = resolverOf('settings');

/** The paths of the field errors of a refused save, relative to the configuration (the payload wraps it in `config`). */
const configPaths = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: e.path.replace(/^config\./, '') }));

/** The project settings page: edit the gate, save it whole or not at all. */
export function SettingsApp() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<GateConfig | undefined>();
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [bench, loadBench] = useBenchDepth();

  /** Shows a saved configuration (after load, save or import) and forgets the edits made on top of the old one. */
  const showSaved = useCallback((view: ConfigView, announce = ''): void => {
    setLoad({ status: 'ready', view });
    setDraft(view.config);
    setErrors([]);
    setFailure(undefined);
    if (announce !== '') setAnnouncement(announce);
    if (view.config !== undefined) void loadBench();
  }, [loadBench]);

  /** Bumped to load the saved configuration again. */
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void call('getConfig').then((result) => {
      if (!current) return;
      if (result.ok) showSaved(result.data);
      else setLoad({ status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [attempt, showSaved]);

  /** Loads the saved configuration again, dropping what is shown meanwhile. */
  const reload = (): void => {
    setLoad({ status: 'loading' });
    setAttempt((n) => n + 1);
  };

  if (load.status === 'loading') return <Loading what="the gate configuration" />;
  if (load.status === 'failed') {
    if (load.error.code === 'forbidden') {
      return (
        <Notice appearance="warning" title="Only project admins can configure the gate">
          <p>{load.error.message}</p>
        </Notice>
      );
    }
    return <LoadError message={load.error.message} onRetry={reload} />;
  }

  const { view } = load;
  const savedVersion = view.config?.version ?? 0;
  const dirty = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(view.config);

  const applyTemplate = async (template: string): Promise<void> => {
    setBusy(template);
    setFailure(undefined);
    const result = await call('applyTemplate', { template });
    setBusy(undefined);
    if (result.ok) showSaved(result.data, 'Template applied and saved. Adjust it below and save again.');
    else setFailure(result.error);
  };

  const save = async (): Promise<void> => {
    if (draft === undefined) return;
    setFailure(undefined);
    const parsed = parseGateConfig({ ...draft, version: savedVersion });
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setBusy('save');
    const result = await call('saveConfig', { config: parsed.value });
    setBusy(undefined);
    if (result.ok) {
      showSaved(result.data, `Configuration saved${result.data.config === undefined ? '' : ` (version ${result.data.config.version})`}.`);
      return;
    }
    setFailure(result.error);
    if (result.error.fieldErrors !== undefined && result.error.fieldErrors.length > 0) setErrors(configPaths(result.error.fieldErrors));
  };

  const discard = (): void => {
    setDraft(view.config);
    setErrors([]);
    setFailure(undefined);
  };

  const chooser = (
    <StartChooser templates={view.templates} replacing={view.config !== undefined} busy={busy} onTemplate={(key) => void applyTemplate(key)} onScratch={() => setDraft(scratchConfig(savedVersion))} />
  );
  return (
    <main className="settings" aria-label={`Go-Live Gate settings for ${view.projectKey}`}>
      <h1>Go-Live Gate for {view.projectKey}</h1>
      <SavedVersion view={view} />
      <div className="live-region live-success" role="status" aria-live="polite">{announcement}</div>
      <SaveFailure failure={failure} listedAsFields={errors.length > 0} onLoadLatest={reload} />
      {draft === undefined ? chooser : (
        <>
          {errors.length === 0 ? null : <ErrorSummary draft={draft} errors={errors} />}
          <ConfigEditors draft={draft} saved={view.config} errors={errors} bench={bench} onChange={setDraft} />
          <div className="save-bar">
            <button type="button" className="button button-primary" disabled={busy !== undefined || !dirty} onClick={() => void save()}>
              {busy === 'save' ? 'Saving…' : 'Save configuration'}
            </button>
            <button type="button" className="button button-subtle" disabled={busy !== undefined || !dirty} onClick={discard}>
              Discard changes
            </button>
            <span className="subtle">{dirty ? 'You have unsaved changes.' : 'All changes saved.'}</span>
          </div>
          {view.templates.length === 0 ? null : (
            <details className="replace-template">
              <summary>Replace with a template</summary>
              {chooser}
            </details>
          )}
        </>
      )}
      <Transfer projectKey={view.projectKey} hasSaved={view.config !== undefined} dirty={dirty} onImported={(imported) => showSaved(imported, 'Configuration imported.')} />
      <ProviderConnections />
    </main>
  );
}
