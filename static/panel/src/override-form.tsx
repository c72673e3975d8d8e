import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { JustifiedGrantPayload } from '../../../src/contract';
import { LIMITS, MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from '../../../src/gate/constants';
import { justificationProblem } from '../../../src/gate/policies';
import { measureText } from '../../../src/gate/visible-text';
import type { VerdictV2 } from '../../../src/gate/v2/verdict';
import type { Failure } from '../../shared/bridge';
import { call } from './panel-call';
import type { PanelProps, PanelSection } from './panel-section';

type Override = (payload: JustifiedGrantPayload, stageName: string) => Promise<Failure | undefined>;

/** For members of an override group: force a blocked stage open, with a justification everyone will see. */
function OverrideForm({ verdicts, onOverride }: { readonly verdicts: readonly VerdictV2[]; readonly onOverride: Override }) {
  const blocked = verdicts.filter((v) => !v.allowed && !v.overridden && v.passed === undefined);
  const [stage, setStage] = useState(blocked[0]?.stage ?? '');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const stageId = useId();
  const textId = useId();
  const { letters, words } = measureText(justification);
  const problem = justificationProblem(justification);
  // The blocked stages change after every action; fall back to the first one still blocked.
  const selected = blocked.some((v) => v.stage === stage) ? stage : (blocked[0]?.stage ?? '');

  if (blocked.length === 0) {
    return <p className="subtle">No stage is blocked, so there is nothing to override.</p>;
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const chosen = blocked.find((v) => v.stage === selected);
    if (chosen === undefined) {
      setError('Choose the stage to override.');
      return;
    }
    if (problem !== undefined) {
      setError(`${problem}.`);
      document.getElementById(textId)?.focus();
      return;
    }
    setError(undefined);
    setPending(true);
    const failure = await onOverride({ stage: selected, justification: justification.trim() }, chosen.stageName);
    setPending(false);
    if (failure === undefined) setJustification('');
    else setError(failure.fieldErrors?.map((f) => f.message).join('; ') || failure.message);
  };

  return (
    <div className="override-section">
      <p className="subtle">You are in an override group. An override lets the transition through without the missing approvals; it is shown on this issue and kept in the audit trail.</p>
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Override a blocked stage">
        <label htmlFor={stageId}>Stage</label>
        <select id={stageId} value={selected} onChange={(e) => setStage(e.target.value)}>
          {blocked.map((v) => <option key={v.stage} value={v.stage}>{v.stageName}</option>)}
        </select>
        <label htmlFor={textId}>Justification (at least {MIN_JUSTIFICATION_LETTERS} letters in {MIN_JUSTIFICATION_WORDS} words)</label>
        <textarea
          id={textId}
          value={justification}
          maxLength={LIMITS.commentLength}
          onChange={(e) => setJustification(e.target.value)}
          aria-invalid={error !== undefined}
          aria-describedby={`${textId}-count${error === undefined ? '' : ` ${textId}-error`}`}
        />
        <p className={problem === undefined ? 'hint hint-ok' : 'hint'} id={`${textId}-count`} aria-live="polite">
          {problem === undefined
            ? `${letters} letters in ${words} words: enough`
            : `${letters} of ${MIN_JUSTIFICATION_LETTERS} letters, ${Math.min(words, MIN_JUSTIFICATION_WORDS)} of ${MIN_JUSTIFICATION_WORDS} words`}
        </p>
        {error === undefined ? null : <p className="field-error" id={`${textId}-error`} role="alert">{error}</p>}
        <div className="buttons">
          <button type="submit" className="button button-warning" disabled={pending}>{pending ? 'Overriding…' : 'Override stage'}</button>
        </div>
      </form>
    </div>
  );
}

function OverrideBody({ verdicts, act }: PanelProps) {
  return <OverrideForm verdicts={verdicts} onOverride={(payload, name) => act(() => call('override', payload), `${name} overridden.`)} />;
}

/** For members of an override group only. */
export const OVERRIDE_SECTION: PanelSection = {
  key: 'override',
  title: 'Override a blocked stage',
  summary: ({ gate, verdicts }) => {
    if (!gate.canOverride) return undefined;
    const blocked = verdicts.filter((v) => !v.allowed && !v.overridden && v.passed === undefined).length;
    return blocked === 0 ? 'no stage is blocked' : `${blocked} blocked ${blocked === 1 ? 'stage' : 'stages'}`;
  },
  Body: OverrideBody,
};
