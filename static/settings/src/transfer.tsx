import { useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { resolverOf } from '../../shared/bridge';
import { Notice } from '../../shared/notice';
import { downloadText } from '../../shared/download';

const call = resolverOf('settings');

/** Export the saved configuration as JSON, or import one: a file is previewed first and saved only once confirmed. */
export function Transfer({ projectKey, hasSaved, dirty, busy: pageBusy, onFile }: {
  readonly projectKey: string;
  readonly hasSaved: boolean;
  readonly dirty: boolean;
  readonly busy: boolean;
  /** A chosen file's text, to preview (the settings page shows what it changes and saves it once confirmed). */
  readonly onFile: (json: string, fileName: string) => Promise<void>;
}) {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [status, setStatus] = useState('');

  const exportConfig = async (): Promise<void> => {
    setBusy('export');
    setProblem(undefined);
    const result = await call('exportConfig');
    setBusy(undefined);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    downloadText(result.data.json, result.data.fileName, 'application/json');
    setStatus(`Exported the saved configuration of ${projectKey}.`);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setBusy('import');
    setProblem(undefined);
    setStatus('');
    await onFile(await file.text(), file.name);
    setBusy(undefined);
    if (fileInput.current !== null) fileInput.current.value = '';
  };

  return (
    <section aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">Export and import</h2>
      <div className="buttons">
        <button type="button" className="button" disabled={!hasSaved || busy !== undefined} onClick={() => void exportConfig()}>
          {busy === 'export' ? 'Exporting…' : 'Export configuration'}
        </button>
      </div>
      <label htmlFor={inputId}>Import a configuration file (.json){dirty ? ': replaces your unsaved changes' : ''}</label>
      <input id={inputId} ref={fileInput} type="file" accept="application/json,.json" disabled={busy !== undefined || pageBusy} onChange={(e) => void importFile(e)} />
      <p className="hint">A file is checked in full and you see what it changes; it is saved only when every part is valid and you confirm.</p>
      <div role="status" aria-live="polite" className="live-region">{status}</div>
      {problem === undefined ? null : (
        <Notice appearance="error" title="Export failed">
          <p>{problem}</p>
        </Notice>
      )}
    </section>
  );
}
