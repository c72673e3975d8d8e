import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Failure } from '../../shared/bridge';

/**
 * A button that opens a modal dialog asking why (a waiver's or a withdrawal's reason), then runs the action with it.
 * The native dialog keeps focus inside while open and gives it back to the button on Cancel; on success the panel
 * moves focus to the outcome.
 */
export function ReasonDialog({ opener, openerLabel, title, explanation, confirm, onConfirm }: {
  /** The visible words of the button that opens the dialog ("Not applicable…"). */
  readonly opener: string;
  /** Its accessible name, naming what it acts on ("Mark Layered SRE not applicable"). */
  readonly openerLabel: string;
  readonly title: string;
  readonly explanation: string;
  /** The confirming button's words ("Mark not applicable"). */
  readonly confirm: string;
  readonly onConfirm: (reason: string) => Promise<Failure | undefined>;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const fieldId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (error !== undefined) errorRef.current?.focus();
  }, [error]);

  const close = (): void => {
    dialogRef.current?.close();
    setError(undefined);
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setPending(true);
    const failure = await onConfirm(reason.trim());
    setPending(false);
    if (failure === undefined) {
      setReason('');
      close();
    } else {
      setError(failure.fieldErrors?.map((f) => f.message).join('; ') || failure.message);
    }
  };
  const errorId = `${fieldId}-error`;
  return (
    <>
      <button type="button" className="button button-subtle" aria-label={openerLabel} onClick={() => dialogRef.current?.showModal()}>
        {opener}
      </button>
      <dialog ref={dialogRef} className="reason-dialog" aria-labelledby={`${fieldId}-title`} onClose={() => setError(undefined)}>
        <form method="dialog" onSubmit={(e) => void submit(e)}>
          <h2 id={`${fieldId}-title`} className="dialog-title">{title}</h2>
          <p className="subtle">{explanation}</p>
          <label htmlFor={fieldId}>Reason (required)</label>
          <textarea
            id={fieldId}
            rows={3}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error !== undefined}
            {...(error === undefined ? {} : { 'aria-describedby': errorId })}
          />
          {error === undefined ? null : <p className="field-error" id={errorId} ref={errorRef} tabIndex={-1} role="alert">{error}</p>}
          <div className="dialog-buttons">
            <button type="submit" className="button button-primary" disabled={pending}>{pending ? 'Saving…' : confirm}</button>
            <button type="button" className="button" onClick={close}>Cancel</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
