import { useState } from 'react';
import type { FormEvent } from 'react';
import type { GateView, RecordUsagePayload } from '../../../src/contract';
import type { Commitment } from '../../../src/gate/commitments';
import { breachInWords, commitments } from '../../../src/gate/commitments';
import { withUnit } from '../../../src/gate/number-rules';
import type { Failure } from '../../shared/bridge';
import { Notice } from '../../shared/notice';
import { RelativeTime } from '../../shared/time';

export type RecordUsage = (payload: RecordUsagePayload) => Promise<Failure | undefined>;

const STATE_WORDS: Readonly<Record<Commitment['state'], { readonly label: string; readonly appearance: string }>> = {
  within: { label: 'within', appearance: 'success' },
  breached: { label: 'breached', appearance: 'danger' },
  'not-agreed': { label: 'not agreed', appearance: 'warning' },
  'not-measured': { label: 'not measured', appearance: 'default' },
};

const inputId = (key: string): string => `usage-${key}`;

/**
 * Actual usage against the agreed numbers (seed 000: no more customers than the agreed capacity, within the agreed
 * velocity): a breach is shown at the top, each number with what was agreed and measured, and a form for the members
 * of the gating teams to record what they measured.
 */
export function UsageAgainstCommitments({ gate, nameOf, onRecord }: { readonly gate: GateView; readonly nameOf: (accountId: string) => string; readonly onRecord: RecordUsage }) {
  const config = gate.config;
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  if (config === undefined || config.numbers.length === 0) return null;
  const usage = gate.records.usage;
  const rows = commitments(config, gate.records.numbers?.values, usage?.values);
  const breaches = rows.filter((row) => row.state === 'breached');
  const teamName = (key: string): string => config.teams.find((t) => t.key === key)?.name ?? key;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const values: Record<string, number> = {};
    for (const row of rows) {
      const text = (typed[row.number] ?? '').trim();
      if (text === '') continue;
      const value = Number(text);
      if (!Number.isFinite(value) || value < 0) found[row.number] = 'Enter a number of at least 0';
      else values[row.number] = value;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(values).length === 0) {
      setFormError('Enter at least one measured value before recording.');
      return;
    }
    setFormError(undefined);
    setPending(true);
    const failure = await onRecord({ values });
    setPending(false);
    if (failure === undefined) {
      setTyped({});
      return;
    }
    const byField = Object.fromEntries((failure.fieldErrors ?? []).map((e) => [e.path.replace(/^values\./, ''), e.message]));
    setErrors(byField);
    setFormError(failure.message);
  };

  return (
    <section aria-labelledby="usage-heading" className="usage">
      <h2 id="usage-heading">Usage against commitments</h2>
      {breaches.map((breach) => (
        <Notice key={breach.number} appearance="error" title={`${breach.label} breached`}>
          <p>
            {breachInWords(breach)}. {teamName(breach.signedOffBy)}, who signed off the {breach.label.toLowerCase()}, has been told.
          </p>
        </Notice>
      ))}
      <table className="usage-table">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Agreed</th>
            <th scope="col">Measured</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.number} data-number={row.number} data-state={row.state}>
              <th scope="row">{row.label}</th>
              <td>{row.agreed === undefined ? '—' : withUnit(row.agreed, row.unit)}</td>
              <td>{row.actual === undefined ? '—' : withUnit(row.actual, row.unit)}</td>
              <td>
                <span className={`lozenge lozenge-${STATE_WORDS[row.state].appearance}`}>{STATE_WORDS[row.state].label}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {usage === undefined ? (
        <p className="subtle">No usage measured yet: a billing or quota system reports it through the app’s web trigger, or a gating team member records it here.</p>
      ) : (
        <p className="subtle">
          Measured <RelativeTime at={usage.measuredAt} now={gate.now} />, {usage.source === 'panel' ? `recorded by ${nameOf(usage.by)}` : `reported by ${usage.by}`}.
        </p>
      )}
      {gate.canRecordUsage === true ? (
        <form noValidate onSubmit={(e) => void submit(e)} aria-label="Record usage">
          {rows.map((row) => {
            const id = inputId(row.number);
            const error = errors[row.number];
            return (
              <div key={row.number} className="field">
                <label htmlFor={id}>
                  {row.label} measured{row.unit === '' ? '' : `, in ${row.unit}`}
                </label>
                <input
                  id={id}
                  type="text"
                  inputMode="decimal"
                  value={typed[row.number] ?? ''}
                  onChange={(e) => setTyped({ ...typed, [row.number]: e.target.value })}
                  aria-invalid={error !== undefined}
                  {...(error === undefined ? {} : { 'aria-describedby': `${id}-error` })}
                />
                {error === undefined ? null : <p className="field-error" id={`${id}-error`}>{error}</p>}
              </div>
            );
          })}
          {formError === undefined ? null : <p className="field-error" role="alert">{formError}</p>}
          <div className="buttons">
            <button type="submit" className="button" disabled={pending}>{pending ? 'Recording…' : 'Record usage'}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
