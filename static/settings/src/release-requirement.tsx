import type { Stage } from '../../../src/gate/config';
import { fieldId } from '../../shared/field-errors';
import { withOptional } from './draft';

/** Whether a stage needs the ticket to target a release (Jira Fix version); its teams' approvals then cover that release. */
export function ReleaseRequirement({ stage, path, onChange }: { readonly stage: Stage; readonly path: string; readonly onChange: (stage: Stage) => void }) {
  const id = fieldId(`${path}.requiresRelease`);
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={stage.requiresRelease === true}
        onChange={(e) => onChange(withOptional(stage, 'requiresRelease', e.target.checked ? true : undefined))}
      />
      <label htmlFor={id} className="label-inline">Needs a target release (Fix version); moving the ticket to another release asks the teams again</label>
    </div>
  );
}
