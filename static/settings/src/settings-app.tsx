import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConfigChangePreview, ConfigView, SiteField } from '../../../src/contract';
import type { FieldError } from '../../../src/gate/config';
import { parseGateConfigV2 } from '../../../src/gate/v2/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { ChangePreview } from './change-preview';
import { ConfigEditors } from './config-editors';
import { scratchConfig } from './draft';
import { ErrorSummary } from './error-summary';
import { SaveFailure } from './save-failure';
import { SavedVersion } from './saved-version';
import { StartChooser } from './start-chooser';
import { TemplateFields } from './template-fields';
import { ProviderConnections } from './provider-connections';
import { Transfer } from './transfer';
import { useBenchDepth } from './use-bench-depth';
import { UsageIntakeSection } from './usage-intake';

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: Failure } | { readonly status: 'ready'; readonly view: ConfigView };

/** A replacement waiting for the admin's confirmation: what it is and what it would change. */
type Pending =
  | { readonly kind: 'template'; readonly template: string; readonly preview: ConfigChangePreview }
  | { readonly kind: 'import'; readonly json: string; readonly fileName: string; readonly preview: ConfigChangePreview };

const call = resolverOf('settings');

/** The paths of the field errors of a refused save, relative to the configuration (the payload wraps it in `config`). */
const configPaths = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: e.path.replace(/^config\./, '') }));

/** One error per field, the first: a blank name is "required", not also "must contain letters". */
const firstPerPath = (errors: readonly FieldError[]): FieldError[] => errors.filter((e, i) => errors.findIndex((other) => other.path === e.path) === i);

/** The project settings page: edit the gate, save it whole or not at all. */
export function SettingsApp() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<GateConfig | undefined>();
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState<{ readonly text: string; readonly seq: number }>({ text: '', seq: 0 });
  const announcementRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<Pending | undefined>();
  /** For a template's Jira fields, the site field the admin chose instead of the one of that name. */
  const [templateFields, setTemplateFields] = useState<Record<string, string>>({});
  const [bench, loadBench] = useBenchDepth();

  /** Shows a saved configuration (after load, save or import) and forgets the edits made on top of the old one. */
  const showSaved = useCallback((view: ConfigView, announce = ''): void => {
    setLoad({ status: 'ready', view });
    setDraft(view.configV2);
    setErrors([]);
    setFailure(undefined);
    if (announce !== '') setAnnouncement((previous) => ({ text: announce, seq: previous.seq + 1 }));
    if (view.config !== undefined) void loadBench();
  }, [loadBench]);

  /** The site's custom fields, for conditions and approvers from a field; without them the page offers the ones the configuration names. */
  const [fields, setFields] = useState<readonly SiteField[]>([]);
  useEffect(() => {
    let current = true;
    void call('getFields').then((result) => {
      if (current && result.ok) setFields(result.data);
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    // What the admin's action did is where focus goes: the control they pressed (a preview's button) may be gone.
    if (announcement.seq > 0) announcementRef.current?.focus();
  }, [announcement]);

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
  const savedVersion = view.configV2?.version ?? view.config?.version ?? 0;
  const dirty = draft !== undefined && (view.migratedFrom !== undefined || JSON.stringify(draft) !== JSON.stringify(view.configV2));

  /**
   * Shows what a template or a file would change; nothing is saved until the admin confirms. A template is previewed
   * again with the site fields the admin picks for the ones it reads (a field the site lacks is one of its problems).
   */
  const previewTemplate = async (template: string, chosen: Record<string, string> = {}): Promise<void> => {
    setBusy(template);
    setFailure(undefined);
    const result = await call('previewChange', { template, ...(Object.keys(chosen).length === 0 ? {} : { fields: chosen }) });
    setBusy(undefined);
    if (result.ok) {
      setTemplateFields(chosen);
      setPending({ kind: 'template', template, preview: result.data });
    }
    else setFailure(result.error);
  };
  const previewFile = async (json: string, fileName: string): Promise<void> => {
    setFailure(undefined);
    const result = await call('previewChange', { json });
    if (result.ok) setPending({ kind: 'import', json, fileName, preview: result.data });
    else setFailure(result.error);
  };

  const confirmPending = async (stageMapping: Record<string, string>): Promise<void> => {
    if (pending === undefined) return;
    setBusy('confirm');
    const result = pending.kind === 'template' ? await call('applyTemplate', { template: pending.template, stageMapping, ...(Object.keys(templateFields).length === 0 ? {} : { fields: templateFields }) }) : await call('importConfig', { json: pending.json, stageMapping });
    setBusy(undefined);
    if (!result.ok) {
      setFailure(result.error);
      return;
    }
    setPending(undefined);
    showSaved(result.data, pending.kind === 'template' ? 'Template applied and saved. Adjust it below and save again.' : `Imported ${pending.fileName}: the configuration is saved.`);
  };

  const save = async (): Promise<void> => {
    if (draft === undefined) return;
    setFailure(undefined);
    const parsed = parseGateConfigV2({ ...draft, version: savedVersion });
    if (!parsed.ok) {
      setErrors(firstPerPath(parsed.errors));
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
    setDraft(view.configV2);
    setErrors([]);
    setFailure(undefined);
  };

  const chooser = (
    <StartChooser templates={view.templates} replacing={view.config !== undefined} busy={busy} onTemplate={(key) => void previewTemplate(key)} onScratch={() => setDraft(scratchConfig(savedVersion))} />
  );
  return (
    <main className="settings" aria-label={`Go-Live Gate settings for ${view.projectKey}`}>
      <h1>Go-Live Gate for {view.projectKey}</h1>
      <SavedVersion view={view} />
      <div className="live-region live-success" role="status" aria-live="polite" tabIndex={-1} ref={announcementRef}>{announcement.text}</div>
      <SaveFailure failure={failure} listedAsFields={errors.length > 0} onLoadLatest={reload} />
      {pending?.kind === 'template' ? (
        <TemplateFields template={view.templates.find((t) => t.key === pending.template)} siteFields={fields} chosen={templateFields} onChange={(chosen) => void previewTemplate(pending.template, chosen)} />
      ) : null}
      {pending === undefined ? null : (
        <ChangePreview
          preview={pending.preview}
          action={pending.kind === 'template' ? 'Apply the template and save' : `Import ${pending.fileName} and save`}
          busy={busy === 'confirm'}
          onConfirm={(mapping) => void confirmPending(mapping)}
          onCancel={() => setPending(undefined)}
        />
      )}
      {draft === undefined ? chooser : (
        <>
          <MigrationNotice view={view} />
          {errors.length === 0 ? null : <ErrorSummary draft={draft} errors={errors} />}
          <ConfigEditors draft={draft} saved={view.configV2} errors={errors} bench={bench} fields={fields} onChange={setDraft} />
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
      <Transfer projectKey={view.projectKey} hasSaved={view.config !== undefined} dirty={dirty} busy={busy !== undefined} onFile={previewFile} />
      {view.config === undefined ? null : <UsageIntakeSection />}
      <ProviderConnections />
    </main>
  );
}

/**
 * A configuration saved before approvals were per stage: it keeps working as it did (read through its migration), the
 * next save stores it as model v2, and what v2's rules refuse in it is listed to fix before that save.
 */
function MigrationNotice({ view }: { readonly view: ConfigView }) {
  const warnings = view.warnings ?? [];
  if (view.migratedFrom === undefined && warnings.length === 0) return null;
  return (
    <Notice appearance="info" title="Saved before approvals were per stage">
      <p>
        This configuration keeps working as it did: each team approves every stage separately from now on, and approvals given before count for the stages
        they counted for. Save it to store it in the new form{warnings.length === 0 ? '.' : ', after fixing:'}
      </p>
      {warnings.length === 0 ? null : (
        <ul>
          {warnings.map((w) => <li key={`${w.path}:${w.message}`}>{w.message}</li>)}
        </ul>
      )}
    </Notice>
  );
}
