import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AnswerQuestionsPayload, GateView } from '../../../src/contract';
import { LIMITS } from '../../../src/gate/constants';
import type { Question } from '../../../src/gate/config';
import type { QuestionState } from '../../../src/gate/verdict';
import type { Failure } from '../../shared/bridge';
import { RelativeTime } from '../../shared/time';
import { listInWords } from './gate-words';
import { call } from './panel-call';
import type { PanelProps, PanelSection } from './panel-section';

type AnswerQuestions = (payload: AnswerQuestionsPayload) => Promise<Failure | undefined>;

const STATE_WORDS: Readonly<Record<QuestionState, { label: string; appearance: string }>> = {
  answered: { label: 'Answered', appearance: 'success' },
  unanswered: { label: 'Unanswered', appearance: 'neutral' },
  unverified: { label: 'Unverified', appearance: 'discovery' },
};

/** The readiness questionnaire by section; each question says which stages need its answer. */
function Questionnaire({ gate, questions, stageName, nameOf, onAnswer }: {
  readonly gate: GateView;
  readonly questions: readonly Question[];
  readonly stageName: (key: string) => string;
  readonly nameOf: (accountId: string) => string;
  readonly onAnswer: AnswerQuestions;
}) {
  const saved = gate.records.answers;
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(questions.map((q) => [q.key, saved?.answers[q.key] ?? ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const sections = [...new Set(questions.map((q) => q.section))];
  const stateOf = (key: string): QuestionState | undefined => gate.verdicts.flatMap((v) => v.questions).find((q) => q.key === key)?.state;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // Send what was typed, plus the saved answers the user emptied, so clearing an answer is recorded too.
    const payload: Record<string, string> = {};
    for (const q of questions) {
      const text = (answers[q.key] ?? '').trim();
      if (text !== '' || saved?.answers[q.key] !== undefined) payload[q.key] = text;
    }
    if (Object.keys(payload).length === 0) {
      setFormError('Answer at least one question before saving.');
      return;
    }
    setFormError(undefined);
    setErrors({});
    setPending(true);
    const failure = await onAnswer({ answers: payload });
    setPending(false);
    if (failure === undefined) return;
    const byField: Record<string, string> = {};
    for (const fieldError of failure.fieldErrors ?? []) byField[fieldError.path.replace(/^answers\./, '')] = fieldError.message;
    setErrors(byField);
    setFormError(failure.message);
  };

  return (
    <>
      {saved === undefined ? null : (
        <p className="subtle">Last answered by {nameOf(saved.by)} <RelativeTime at={saved.at} now={gate.now} />.</p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="Readiness questionnaire">
        {sections.map((section) => (
          <fieldset key={section}>
            <legend>{section}</legend>
            {questions.filter((q) => q.section === section).map((q) => {
              const id = `question-${q.key}`;
              const state = stateOf(q.key);
              const error = errors[q.key];
              return (
                <div key={q.key} className="field">
                  <label htmlFor={id}>
                    {q.text} {state === undefined ? null : <span className={`lozenge lozenge-${STATE_WORDS[state].appearance}`}>{STATE_WORDS[state].label}</span>}
                  </label>
                  <textarea
                    id={id}
                    value={answers[q.key] ?? ''}
                    maxLength={LIMITS.answerLength}
                    readOnly={!gate.canRecord}
                    onChange={(e) => setAnswers({ ...answers, [q.key]: e.target.value })}
                    aria-invalid={error !== undefined}
                    aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`}
                  />
                  <p className="hint" id={`${id}-hint`}>
                    {q.requiredFor.length > 0 ? `Needed for ${listInWords(q.requiredFor.map(stageName))}.` : 'Optional: no stage needs it.'}
                  </p>
                  {error === undefined ? null : <p className="field-error" id={`${id}-error`}>{error}</p>}
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
          <p className="subtle">You don’t have permission to answer the questionnaire on this issue; ask its reporter.</p>
        )}
      </form>
    </>
  );
}

function QuestionnaireBody({ gate, config, stageName, nameOf, act }: PanelProps) {
  return (
    <Questionnaire
      key={gate.records.answers?.at ?? 'none'}
      gate={gate}
      questions={config.questions}
      stageName={stageName}
      nameOf={nameOf}
      onAnswer={(payload) => act(() => call('answerQuestions', payload), 'Answers saved.')}
    />
  );
}

/**
 * How far the questionnaire is for the stage that matters now: the current stage when it asks questions, else the
 * next stage that does (or the last one that does, once all passed).
 *
 * @example questionnaireProgress(props) // '6 of 19 answered for Beta'
 */
export function questionnaireProgress({ config, gate, current }: Pick<PanelProps, 'config' | 'gate' | 'current'>): string | undefined {
  if (config.questions.length === 0) return undefined;
  const asking = gate.verdicts.filter((v) => v.questions.length > 0);
  const from = gate.verdicts.indexOf(current);
  const stage = asking.find((v) => gate.verdicts.indexOf(v) >= from) ?? asking[asking.length - 1];
  if (stage === undefined) return `${config.questions.length} optional questions`;
  const answered = stage.questions.filter((q) => q.state === 'answered').length;
  return `${answered} of ${stage.questions.length} answered for ${stage.stageName}`;
}

/** The readiness questionnaire, on demand: "6 of 19 answered for Beta" while closed. */
export const QUESTIONNAIRE_SECTION: PanelSection = { key: 'questionnaire', title: 'Readiness questionnaire', summary: questionnaireProgress, Body: QuestionnaireBody };
