import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { AnswerItemsPayload } from '../../../src/contract';
import type { Item } from '../../../src/gate/v2/config';
import type { ItemState } from '../../../src/gate/v2/verdict';
import type { Failure } from '../../shared/bridge';
import { RelativeTime } from '../../shared/time';
import { listInWords } from './gate-words';
import type { ItemDraft } from './item-input';
import { answerOf, draftOf, ItemInput } from './item-input';
import { call } from './panel-call';
import type { PanelProps, PanelSection } from './panel-section';
import { WaiveAction } from './waivers';

const STATE_WORDS: Readonly<Record<ItemState, { label: string; appearance: string }>> = {
  answered: { label: 'Answered', appearance: 'success' },
  unanswered: { label: 'Unanswered', appearance: 'neutral' },
  invalid: { label: 'Invalid', appearance: 'danger' },
  unverified: { label: 'Unverified', appearance: 'discovery' },
  waived: { label: 'Not applicable', appearance: 'info' },
};
const TICKED: Readonly<Partial<Record<ItemState, string>>> = { answered: 'Ticked', unanswered: 'Not ticked' };

/** The checklist and questions by section, each item as the input its kind calls for, with the stages that need it. */
function ItemsForm(props: PanelProps & { readonly onAnswer: (payload: AnswerItemsPayload) => Promise<Failure | undefined> }) {
  const { gate, config, verdicts, records, stageName, nameOf, onAnswer } = props;
  const items = config.items;
  const saved = records.answers;
  const initial = (): Record<string, ItemDraft> => Object.fromEntries(items.map((i) => [i.key, draftOf(i, saved?.answers[i.key])]));
  const [drafts, setDrafts] = useState<Record<string, ItemDraft>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const sections = [...new Set(items.map((i) => i.section))];
  const verdictOf = (key: string) => verdicts.flatMap((v) => v.questions).find((q) => q.key === key);
  const disabled = !gate.canRecord || pending;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // Send what changed: a cleared answer goes as null, so clearing is recorded too.
    const answers: Record<string, string | boolean | number | null> = {};
    for (const item of items) {
      const before = initial()[item.key];
      const draft = drafts[item.key] ?? draftOf(item, undefined);
      if (draft !== before) answers[item.key] = answerOf(item, draft);
    }
    if (Object.keys(answers).length === 0) {
      setFormError('Nothing changed: answer or tick an item before saving.');
      return;
    }
    setFormError(undefined);
    setErrors({});
    setPending(true);
    const failure = await onAnswer({ answers });
    setPending(false);
    if (failure === undefined) return;
    const byField: Record<string, string> = {};
    for (const fieldError of failure.fieldErrors ?? []) byField[fieldError.path.replace(/^answers\./, '')] = fieldError.message;
    setErrors(byField);
    setFormError(failure.message);
  };

  const stateLozenge = (item: Item): ReactNode => {
    const state = verdictOf(item.key)?.state;
    if (state === undefined) return null;
    const label = item.kind === 'checkbox' ? (TICKED[state] ?? STATE_WORDS[state].label) : STATE_WORDS[state].label;
    return <span className={`lozenge lozenge-${STATE_WORDS[state].appearance}`}>{label}</span>;
  };

  return (
    <>
      {saved === undefined ? null : (
        <p className="subtle">Last answered by {nameOf(saved.by)} <RelativeTime at={saved.at} now={gate.now} />.</p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Checklist and questions">
        {sections.map((section) => (
          <fieldset key={section}>
            <legend>{section}</legend>
            {items.filter((i) => i.section === section).map((item) => {
              const id = `item-${item.key}`;
              const verdict = verdictOf(item.key);
              const error = errors[item.key];
              const by = saved?.answeredBy?.[item.key];
              return (
                <div key={item.key} className={`field item item-${item.kind}`} data-item={item.key}>
                  <p className="item-text">
                    <span id={`${id}-label`}>{item.text}</span> {stateLozenge(item)}
                  </p>
                  {verdict?.state === 'waived' ? <p className="subtle">{props.withNames(verdict.reason)}</p> : (
                    <ItemInput item={item} id={id} labelId={`${id}-label`} draft={drafts[item.key] ?? draftOf(item, undefined)} error={error} disabled={disabled} onChange={(d) => setDrafts({ ...drafts, [item.key]: d })} />
                  )}
                  <p className="hint">
                    {item.requiredFor.length > 0 ? `Needed for ${listInWords(item.requiredFor.map(stageName))}.` : 'Optional: no stage needs it.'}
                    {by === undefined ? null : ` Answered by ${nameOf(by)}.`}
                    {verdict?.state === 'invalid' ? ` ${props.withNames(verdict.reason)}` : null}
                  </p>
                  {error === undefined ? null : <p className="field-error" id={`${id}-error`}>{error}</p>}
                  {item.requiredFor.length > 0 ? <WaiveAction {...props} target={{ kind: 'item', key: item.key }} what={`“${item.text}”`} /> : null}
                </div>
              );
            })}
          </fieldset>
        ))}
        {formError === undefined ? null : <p className="field-error" role="alert">{formError}</p>}
        {gate.canRecord ? (
          <div className="buttons">
            <button type="submit" className="button button-primary" disabled={pending}>{pending ? 'Saving…' : 'Save answers'}</button>
          </div>
        ) : (
          <p className="subtle">You don’t have permission to answer on this issue; ask its reporter or an approver of one of its teams.</p>
        )}
      </form>
    </>
  );
}

function ItemsBody(props: PanelProps) {
  return <ItemsForm key={props.records.answers?.at ?? 'none'} {...props} onAnswer={(payload) => props.act(() => call('answerItems', payload), 'Answers saved.')} />;
}

/**
 * How far the items are for the stage that matters now: the current stage when it needs items, else the next stage
 * that does (or the last one that does, once all passed). Waived items count as done.
 *
 * @example questionnaireProgress(props) // '6 of 19 answered for Beta'
 */
export function questionnaireProgress({ config, verdicts, current }: Pick<PanelProps, 'config' | 'verdicts' | 'current'>): string | undefined {
  if (config.items.length === 0) return undefined;
  const asking = verdicts.filter((v) => v.questions.length > 0);
  const from = verdicts.indexOf(current);
  const stage = asking.find((v) => verdicts.indexOf(v) >= from) ?? asking[asking.length - 1];
  if (stage === undefined) return `${config.items.length} optional items`;
  const done = stage.questions.filter((q) => q.state === 'answered' || q.state === 'waived').length;
  return `${done} of ${stage.questions.length} answered for ${stage.stageName}`;
}

/** The checklist and questions, on demand: "6 of 19 answered for Beta" while closed. */
export const QUESTIONNAIRE_SECTION: PanelSection = { key: 'questionnaire', title: 'Checklist and questions', summary: questionnaireProgress, Body: ItemsBody };
