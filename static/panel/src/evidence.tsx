import { useState } from 'react';
import type { EvidenceFormat } from '../../../src/contract';
import { downloadText } from '../../shared/download';
import { RelativeTime } from '../../shared/time';
import { listInWords } from './gate-words';
import { call } from './panel-call';
import type { PanelProps, PanelSection } from './panel-section';

const FORMAT_NAMES: Readonly<Record<EvidenceFormat, string>> = { json: 'JSON', markdown: 'Markdown' };

/** Every stage's pass record (who moved the ticket, when, under which configuration), read-only, and the export. */
function EvidenceBody({ gate, verdicts, nameOf, stageName }: PanelProps) {
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState<EvidenceFormat | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const passes = verdicts.filter((v) => v.passed !== undefined);

  const exportAs = async (format: EvidenceFormat): Promise<void> => {
    setPending(format);
    setError(undefined);
    const result = await call('exportEvidence', { format });
    setPending(undefined);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    downloadText(result.data.content, result.data.fileName, result.data.mediaType);
    setDone(`Evidence saved as ${result.data.fileName}.`);
  };

  return (
    <>
      {passes.length === 0 ? <p className="subtle">No stage has passed yet: a stage passes when the ticket moves through its gated transition.</p> : (
        <ul className="passes">
          {passes.map((v) => {
            const pass = v.passed;
            if (pass === undefined) return null;
            return (
              <li key={v.stage} className="pass" data-stage={v.stage}>
                <span className="lozenge lozenge-success">Passed</span> <strong>{stageName(v.stage)}</strong>{' '}
                <span className="subtle">
                  when {nameOf(pass.by)} moved the ticket <RelativeTime at={pass.at} now={gate.now} />, under configuration version {pass.configVersion}
                  {pass.overridden ? ', by override' : ''}. Its decisions are read-only until the ticket moves back.
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p className="subtle">The export lists every stage&rsquo;s pass record and verdict, the decisions behind them and the digest of each record, compared with the digest now.</p>
      <div className="buttons">
        {(['json', 'markdown'] as const).map((format) => (
          <button key={format} type="button" className="button" disabled={pending !== undefined} onClick={() => void exportAs(format)}>
            {pending === format ? 'Exporting…' : `Export evidence (${FORMAT_NAMES[format]})`}
          </button>
        ))}
      </div>
      <p className="hint" role="status">{done ?? ''}</p>
      {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
    </>
  );
}

/** Passed stages and the evidence export, on demand: "Alpha and Beta passed" while closed. */
export const EVIDENCE_SECTION: PanelSection = {
  key: 'evidence',
  title: 'Evidence',
  summary: ({ verdicts }) => {
    const passed = verdicts.filter((v) => v.passed !== undefined).map((v) => v.stageName);
    return passed.length === 0 ? 'no stage passed yet · export' : `${listInWords(passed)} passed · export`;
  },
  Body: EvidenceBody,
};
