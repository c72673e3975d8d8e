import type { FieldError, GateConfig, Question } from '../../../src/gate/config';
import { fieldId } from '../../shared/field-errors';
import { FieldMessage } from '../../shared/field-message';
import { emptyQuestion, keyFromName, replaced, toggled, withOptional } from './draft';
import { SelectField, TextField } from './text-field';

const NO_REVIEWER = '';

/** The readiness questionnaire: section, text, the stages that need an answer, and who reviews it. */
export function QuestionsEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  const reviewerOptions = [{ value: NO_REVIEWER, label: 'Nobody in particular' }, ...config.teams.map((t) => ({ value: t.key, label: t.name || t.key }))];
  return (
    <section aria-labelledby="questions-heading">
      <h2 id="questions-heading">Readiness questions</h2>
      {config.questions.map((question, index) => {
        const path = `questions.${index}`;
        const update = (next: Question): void => onChange({ ...config, questions: replaced(config.questions, index, next) });
        return (
          <fieldset key={index} id={fieldId(path)} tabIndex={-1} className="item">
            <legend>Question {index + 1}</legend>
            <TextField path={`${path}.text`} label="Question" value={question.text} errors={errors} multiline onChange={(text) => update({ ...question, text })} />
            <div className="row">
              <TextField path={`${path}.section`} label="Section" value={question.section} errors={errors} onChange={(section) => update({ ...question, section })} />
              <TextField
                path={`${path}.key`}
                label="Key"
                value={question.key}
                errors={errors}
                onChange={(key) => update({ ...question, key })}
              />
              <SelectField
                path={`${path}.reviewedBy`}
                label="Reviewed by"
                value={question.reviewedBy ?? NO_REVIEWER}
                options={reviewerOptions}
                errors={errors}
                onChange={(reviewedBy) => update(withOptional(question, 'reviewedBy', reviewedBy === NO_REVIEWER ? undefined : reviewedBy))}
              />
            </div>
            <fieldset id={fieldId(`${path}.requiredFor`)} tabIndex={-1}>
              <legend>Stages that need an answer</legend>
              {config.stages.map((stage, s) => {
                const id = `${fieldId(path)}-stage-${s}`;
                return (
                  <div key={s} className="check">
                    <input
                      id={id}
                      type="checkbox"
                      checked={stage.key !== '' && question.requiredFor.includes(stage.key)}
                      disabled={stage.key === ''}
                      onChange={(e) => update({ ...question, requiredFor: toggled(question.requiredFor, stage.key, e.target.checked) })}
                    />
                    <label htmlFor={id} className="label-inline">{stage.name || `Stage ${s + 1}`}</label>
                  </div>
                );
              })}
              {question.requiredFor.map((_, i) => <FieldMessage key={i} errors={errors} path={`${path}.requiredFor.${i}`} />)}
            </fieldset>
            <div className="buttons">
              <button type="button" className="button button-subtle" onClick={() => onChange({ ...config, questions: config.questions.filter((_, i) => i !== index) })}>
                Remove question {index + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <FieldMessage errors={errors} path="questions" />
      <button
        type="button"
        className="button"
        onClick={() => {
          const question = emptyQuestion();
          onChange({ ...config, questions: [...config.questions, { ...question, key: keyFromName(`question ${config.questions.length + 1}`) }] });
        }}
      >
        Add a question
      </button>
    </section>
  );
}
