import { useState } from 'react';
import type { FormEvent } from 'react';
import type { GateView, NumberBasisPayload } from '../../../src/contract';
import type { NumberSpec } from '../../../src/gate/config';
import { BASIS_PARTS } from '../../../src/gate/number-basis';
import { withUnit } from '../../../src/gate/number-rules';
import type { NumberBasis } from '../../../src/gate/records';
import type { Failure } from '../../shared/bridge';
import { resolverOf } from '../../shared/bridge';
import type { GateAction } from './after-go-live';
import './after-go-live.css';

const call = resolverOf('panel');

/** Figures as one line each, "label = value unit", which is how people write them down. */
const figuresAsText = (basis: NumberBasis | undefined): string => (basis?.figures ?? []).map((f) => `${f.label} = ${withUnit(f.value, f.unit)}`).join('\n');

/** Reads "label = value unit" lines; answers the first line it cannot read. */
function readFigures(text: string): { readonly figures: NonNullable<NumberBasisPayload['figures']> } | { readonly problem: string } {
  const figures: { label: string; value: number; unit: string }[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
    const match = /^(.+?)\s*=\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(.*)$/.exec(line);
    if (match === null) return { problem: `Write each figure as “label = value unit”: “${line}” is not` };
    figures.push({ label: match[1] ?? '', value: Number(match[2]), unit: match[3] ?? '' });
  }
  return { figures };
}

/** One number's basis: what it is, and (for those who may record numbers) an editor. */
function BasisOfNumber({ gate, spec, act }: { readonly gate: GateView; readonly spec: NumberSpec; readonly act: GateAction }) {
  const basis = gate.records.numbers?.basis?.[spec.key];
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState<Record<string, string>>(() => ({ ...Object.fromEntries(BASIS_PARTS.map(({ key }) => [key, basis?.[key] ?? ''])), figures: figuresAsText(basis) }));
  const [problem, setProblem] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const id = (part: string): string => `basis-${spec.key}-${part}`;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const figures = readFigures(typed['figures'] ?? '');
    if ('problem' in figures) {
      setProblem(figures.problem);
      return;
    }
    setProblem(undefined);
    setPending(true);
    const input: NumberBasisPayload = { ...Object.fromEntries(BASIS_PARTS.map(({ key }) => [key, typed[key] ?? ''])), figures: figures.figures };
    const failure: Failure | undefined = await act(() => call('recordNumbers', { values: {}, basis: { [spec.key]: input } }), `Basis of ${spec.label} recorded.`);
    setPending(false);
    if (failure === undefined) setEditing(false);
    else setProblem(failure.message);
  };

  return (
    <li className="number-basis" data-number={spec.key}>
      <h3>{spec.label}</h3>
      {basis === undefined ? (
        <p className="subtle">No basis recorded.</p>
      ) : (
        <dl>
          {BASIS_PARTS.filter(({ key }) => basis[key] !== undefined).map(({ key, label }) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd className="user-text">{basis[key]}</dd>
            </div>
          ))}
          {basis.figures === undefined ? null : (
            <div>
              <dt>Figures</dt>
              <dd className="user-text">{figuresAsText(basis)}</dd>
            </div>
          )}
        </dl>
      )}
      {!gate.canRecord ? null : editing ? (
        <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Basis of ${spec.label}`}>
          {[...BASIS_PARTS, { key: 'figures', label: 'Figures (one per line: label = value unit)' } as const].map(({ key, label }) => (
            <div key={key} className="field">
              <label htmlFor={id(key)}>{label}</label>
              <textarea id={id(key)} value={typed[key] ?? ''} onChange={(e) => setTyped({ ...typed, [key]: e.target.value })} />
            </div>
          ))}
          {problem === undefined ? null : <p className="field-error" role="alert">{problem}</p>}
          <p className="hint">The basis is covered by the signing team’s approval: changing it makes that approval stale, like changing the number.</p>
          <div className="buttons">
            <button type="submit" className="button button-primary" disabled={pending}>{pending ? 'Recording…' : `Record basis of ${spec.label}`}</button>
            <button type="button" className="button button-subtle" onClick={() => setEditing(false)}>Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button-subtle" onClick={() => setEditing(true)}>{basis === undefined ? `Add basis of ${spec.label}` : `Edit basis of ${spec.label}`}</button>
      )}
    </li>
  );
}

/** Why each number is what it is (cost of service, human and service toil, notes, figures), recorded with it. */
export function NumberBasisSection({ gate, act }: { readonly gate: GateView; readonly act: GateAction }) {
  const specs = gate.config?.numbers ?? [];
  if (specs.length === 0) return null;
  return (
    <section aria-labelledby="number-basis-heading" className="number-bases">
      <h2 id="number-basis-heading">Basis of the numbers</h2>
      <ul className="team-list">
        {specs.map((spec) => <BasisOfNumber key={`${spec.key}:${gate.records.numbers?.at ?? ''}`} gate={gate} spec={spec} act={act} />)}
      </ul>
    </section>
  );
}
