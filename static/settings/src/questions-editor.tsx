import type { FieldError, GateConfig } from '../../../src/gate/config';
import { CheckList } from './check-list';
import { withOptional } from './draft';
import { ListEditor } from './list-editor';
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
    <ListEditor list="questions" config={config} errors={errors} onChange={onChange}>
      {(question, { path, update }) => (
        <>
          <TextField path={`${path}.text`} label="Question" value={question.text} errors={errors} multiline onChange={(text) => update({ ...question, text })} />
          <div className="row">
            <TextField path={`${path}.section`} label="Section" value={question.section} errors={errors} onChange={(section) => update({ ...question, section })} />
            <TextField path={`${path}.key`} label="Key" value={question.key} errors={errors} onChange={(key) => update({ ...question, key })} />
            <SelectField
              path={`${path}.reviewedBy`}
              label="Reviewed by"
              value={question.reviewedBy ?? NO_REVIEWER}
              options={reviewerOptions}
              errors={errors}
              onChange={(reviewedBy) => update(withOptional(question, 'reviewedBy', reviewedBy === NO_REVIEWER ? undefined : reviewedBy))}
            />
          </div>
          <CheckList
            path={`${path}.requiredFor`}
            legend="Stages that need an answer"
            options={config.stages.map((stage, s) => ({ value: stage.key, label: stage.name || `Stage ${s + 1}` }))}
            checked={question.requiredFor}
            errors={errors}
            onChange={(requiredFor) => update({ ...question, requiredFor })}
          />
        </>
      )}
    </ListEditor>
  );
}
