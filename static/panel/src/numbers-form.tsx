import { useState } from 'react';
import type { FormEvent } from 'react';
import type { GateView, RecordNumbersPayload } from '../../../src/contract';
import type { NumberSpec } from '../../../src/gate/config';
import type { Failure } from '../../shared/bridge';
import { RelativeTime } from '../../shared/time';
import { describeLimits, readTypedNumber } from '../../../src/gate/number-rules';
import { call } from './panel-call';
import type { PanelProps, PanelSection } from './panel-section';
import { NumberBasisSection } from './number-basis';
import { WaiveAction } from './waivers';

type RecordNumbers = (payload: RecordNumbersPayload) => Promise<Failure | undefined>;

const inputId = (key: string): string => `number-${key}`;

/** Capacity, velocity and the other numbers: limits shown up front, checked before anything is sent. */
function NumbersForm({ gate, specs, nameOf, onRecord }: {
  readonly gate: GateView;
  readonly specs: readonly NumberSpec[];
  readonly nameOf: (accountId: string) => string;
  readonly onRecord: RecordNumbers;
}) {
  const recorded = gate.records.numbers;
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(specs.map((s) => [s.key, recorded?.values[s.key] === undefined ? '' : String(recorded.values[s.key])])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const values: Record<string, number> = {};
    for (const spec of specs) {
      const check = readTypedNumber(spec, typed[spec.key] ?? '');
      if (!check.ok) found[spec.key] = check.message;
      else if (check.value !== undefined) values[spec.key] = check.value;
    }
    setErrors(found);
    const firstBad = specs.find((s) => found[s.key] !== undefined);
    if (firstBad !== undefined) {
      setFormError(undefined);
      document.getElementById(inputId(firstBad.key))?.focus();
      return;
    }
    if (Object.keys(values).length === 0) {
      setFormError('Enter at least one number before recording.');
      return;
    }
    setFormError(undefined);
    setPending(true);
    const failure = await onRecord({ values });
    setPending(false);
    if (failure === undefined) return;
    const byField: Record<string, string> = {};
    for (const fieldError of failure.fieldErrors ?? []) {
      const key = fieldError.path.replace(/^values\./, '');
      if (specs.some((s) => s.key === key)) byField[key] = fieldError.message;
    }
    setErrors(byField);
    setFormError(Object.keys(byField).length > 0 ? 'The app refused some numbers; see the messages beside them.' : failure.message);
  };

  return (
    <>
      {recorded === undefined ? (
        <p className="subtle">No numbers recorded yet.</p>
      ) : (
        <p className="subtle">
          Last recorded by {nameOf(recorded.by)} <RelativeTime at={recorded.at} now={gate.now} />. Changing a number makes the signing team’s approval stale.
        </p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Record numbers">
        {specs.map((spec) => {
          const id = inputId(spec.key);
          const error = errors[spec.key];
          return (
            <div key={spec.key} className="field">
              <label htmlFor={id}>
                {spec.label}
                {spec.unit === '' ? '' : ` (${spec.unit})`}
              </label>
              <input
                id={id}
                type="text"
                inputMode={spec.integer ? 'numeric' : 'decimal'}
                value={typed[spec.key] ?? ''}
                readOnly={!gate.canRecord}
                onChange={(e) => setTyped({ ...typed, [spec.key]: e.target.value })}
                aria-invalid={error !== undefined}
                aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`}
              />
              <p className="hint" id={`${id}-hint`}>{describeLimits(spec)}</p>
              {error === undefined ? null : <p className="field-error" id={`${id}-error`}>{error}</p>}
            </div>
          );
        })}
        {formError === undefined ? null : <p className="field-error" role="alert">{formError}</p>}
        {gate.canRecord ? (
          <div className="buttons">
            <button type="submit" className="button button-primary" disabled={pending}>{pending ? 'Recording…' : 'Record numbers'}</button>
          </div>
        ) : (
          <p className="subtle">You don’t have permission to record numbers on this issue; ask its reporter.</p>
        )}
        <div role="status" aria-live="polite" className="visually-hidden">
          {Object.keys(errors).length > 0 ? `${Object.keys(errors).length} number(s) need fixing` : ''}
        </div>
      </form>
    </>
  );
}

/** "Not applicable…" for each number a stage needs, where the viewer may mark it so (its signing team, an override group). */
function NumberWaivers(props: PanelProps) {
  const { config, waiverPermissions } = props;
  const waivable = config.numbers.filter(
    (spec) => config.stages.some((s) => s.numbers.includes(spec.key)) && waiverPermissions.some((w) => w.target.kind === 'number' && w.target.key === spec.key && w.canWaive),
  );
  if (waivable.length === 0) return null;
  return (
    <ul className="number-waivers">
      {waivable.map((spec) => (
        <li key={spec.key}>
          {spec.label} <WaiveAction {...props} target={{ kind: 'number', key: spec.key }} what={spec.label} />
        </li>
      ))}
    </ul>
  );
}

function NumbersBody(props: PanelProps) {
  const { gate, config, nameOf, act } = props;
  return (
    <>
      <NumbersForm key={gate.records.numbers?.at ?? 'none'} gate={gate} specs={config.numbers} nameOf={nameOf} onRecord={(payload) => act(() => call('recordNumbers', payload), 'Numbers recorded.')} />
      <NumberWaivers {...props} />
      <NumberBasisSection gate={gate} act={act} />
    </>
  );
}

/** The numbers, on demand: "1 of 2 recorded" while closed. */
export const NUMBERS_SECTION: PanelSection = {
  key: 'numbers',
  title: 'Numbers',
  summary: ({ config, gate }) => {
    if (config.numbers.length === 0) return undefined;
    const recorded = config.numbers.filter((spec) => gate.records.numbers?.values[spec.key] !== undefined).length;
    return `${recorded} of ${config.numbers.length} recorded`;
  },
  Body: NumbersBody,
};
