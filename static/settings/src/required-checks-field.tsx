import { useState } from 'react';
import type { FieldError } from '../../../src/gate/config';
import type { Stage } from '../../../src/gate/v2/config';
import { FieldMessage } from '../../shared/field-message';
import { withOptional } from './draft';
import { TextField } from './text-field';

/** The names typed into the field, comma-separated; empty parts dropped. */
const namesOf = (text: string): string[] => text.split(',').map((name) => name.trim()).filter((name) => name !== '');

/**
 * A stage's required checks (issue 15): the CI jobs, check runs or commit statuses (such as "osd-e2e") that must have
 * passed for the head commit of the ticket's merge or pull request. The text is kept as typed, so a trailing comma
 * stays while the next name is typed; the stage gets the names.
 */
export function RequiredChecksField({ stage, path, errors, onChange }: {
  readonly stage: Stage;
  readonly path: string;
  readonly errors: readonly FieldError[];
  readonly onChange: (stage: Stage) => void;
}) {
  const checksPath = `${path}.requiredChecks`;
  const [text, setText] = useState((stage.requiredChecks ?? []).join(', '));
  return (
    <>
      <TextField
        path={checksPath}
        label="Required checks (comma-separated)"
        value={text}
        errors={errors}
        hint="GitLab CI jobs, GitHub check runs or commit statuses, by name (osd-e2e): each must have passed for the head commit of the ticket's merge or pull request. Empty: none."
        onChange={(typed) => {
          setText(typed);
          const names = namesOf(typed);
          onChange(withOptional(stage, 'requiredChecks', names.length === 0 ? undefined : names));
        }}
      />
      {(stage.requiredChecks ?? []).map((name, c) => <FieldMessage key={`${c}-${name}`} errors={errors} path={`${checksPath}.${c}`} />)}
    </>
  );
}
