import { useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { ConfigView } from '../../../src/contract';
import type { FieldError } from '../../../src/gate/config';
import { resolverOf } from '../../shared/bridge';
import { Notice } from '../../shared/notice';

const call = resolverOf('settings');

/** Saves text as a file through a temporary link (the only way a sandboxed page can offer a download). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Export the saved configuration as JSON, or import one: an invalid file lists every problem and changes nothing. */
export function Transfer({ projectKey, hasSaved, dirty, onImported }: {
  readonly projectKey: string;
  readonly hasSaved: boolean;
  readonly dirty: boolean;
  readonly onImported: (view: ConfigView) => void;
}) {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | undefined>();
  const [problems, setProblems] = useState<{ message: string; fieldErrors: readonly FieldError[] } | undefined>();
  const [status, setStatus] = useState('');

  const exportConfig = async (): Promise<void> => {
    setBusy('export');
    setProblems(undefined);
    const result = await call('exportConfig');
    setBusy(undefined);
    if (!result.ok) {
      setProblems({ message: result.error.message, fieldErrors: [] });
      return;
    }
    download(result.data.json, result.data.fileName);
    setStatus(`Exported the saved configuration of ${projectKey}.`);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setBusy('import');
    setProblems(undefined);
    setStatus('');
    const json = await file.text();
    const result = await call('importConfig', { json });
    setBusy(undefined);
    if (fileInput.current !== null) fileInput.current.value = '';
    if (!result.ok) {
      setProblems({ message: result.error.message, fieldErrors: result.error.fieldErrors ?? [] });
      return;
    }
    setStatus(`Imported ${file.name}: the configuration is saved.`);
    onImported(result.data);
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
      <input id={inputId} ref={fileInput} type="file" accept="application/json,.json" disabled={busy !== undefined} onChange={(e) => void importFile(e)} />
      <p className="hint">An import is checked in full and saved only when every part is valid.</p>
      <div role="status" aria-live="polite" className="live-region">{status}</div>
      {problems === undefined ? null : (
        <Notice appearance="error" title="Nothing was imported">
          <p>{problems.message}</p>
          {problems.fieldErrors.length === 0 ? null : (
            <ul aria-label="Problems in the file">
              {problems.fieldErrors.map((e, i) => (
                <li key={i}><code>{e.path}</code>: {e.message}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
    </section>
  );
}
