import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { GrantExceptionPayload } from '../../../src/contract';
import { LIMITS, MIN_JUSTIFICATION_LETTERS, MIN_JUSTIFICATION_WORDS } from '../../../src/gate/constants';
import { freezeInWords } from '../../../src/gate/deadline-words';
import { justificationProblem } from '../../../src/gate/policies';
import type { Verdict } from '../../../src/gate/verdict';
import type { Failure } from '../../shared/bridge';

export type GrantException = (payload: GrantExceptionPayload, stageName: string) => Promise<Failure | undefined>;

/**
 * Release deadlines (issue 16): per stage with a freeze, the deadline and the time left, the exception that lets the
 * ticket through (who, when, why), and, once frozen without one, a form to grant an exception (the app refuses anyone
 * outside the stage's exception groups, with its own message).
 */
export function ReleaseDeadlines({ verdicts, now, nameOf, onGrant }: {
  readonly verdicts: readonly Verdict[];
  readonly now: string;
  readonly nameOf: (accountId: string) => string;
  readonly onGrant: GrantException;
}) {
  const frozen = verdicts.filter((v) => v.freeze !== undefined);
  if (frozen.length === 0) return null;
  return (
    <section aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading">Release deadlines</h2>
      <ul className="deadlines">
        {frozen.map((verdict) => {
          const freeze = verdict.freeze;
          if (freeze === undefined) return null;
          return (
            <li key={verdict.stage}>
              <p>
                <strong>{verdict.stageName}</strong>: {freezeInWords(freeze, now)}
              </p>
              {verdict.exception === undefined ? null : (
                <p className="subtle">
                  Exception granted by {nameOf(verdict.exception.by)} on {verdict.exception.at.slice(0, 10)}: {verdict.exception.justification}
                </p>
              )}
              {freeze.frozen && verdict.exception === undefined ? <ExceptionForm verdict={verdict} onGrant={onGrant} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ExceptionForm({ verdict, onGrant }: { readonly verdict: Verdict; readonly onGrant: GrantException }) {
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const textId = useId();
  const problem = justificationProblem(justification);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (problem !== undefined) {
      setError(`${problem}.`);
      return;
    }
    setPending(true);
    const failure = await onGrant({ stage: verdict.stage, justification: justification.trim() }, verdict.stageName);
    setPending(false);
    setError(failure === undefined ? undefined : failure.fieldErrors?.map((f) => f.message).join('; ') || failure.message);
  };
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={`Grant an exception to the freeze of ${verdict.stageName}`}>
      <label htmlFor={textId}>Exception justification (at least {MIN_JUSTIFICATION_LETTERS} letters in {MIN_JUSTIFICATION_WORDS} words)</label>
      <textarea id={textId} value={justification} maxLength={LIMITS.commentLength} onChange={(e) => setJustification(e.target.value)} aria-invalid={error !== undefined} />
      {error === undefined ? null : <p className="field-error" role="alert">{error}</p>}
      <div className="buttons">
        <button type="submit" className="button button-warning" disabled={pending}>{pending ? 'Granting…' : 'Grant exception'}</button>
      </div>
    </form>
  );
}
