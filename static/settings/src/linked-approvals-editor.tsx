import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { withOptional } from './draft';
import { TextField } from './text-field';

/**
 * Agreement on a linked ticket (issue 15): the Jira issue link type (its name, such as "Relates") through which a
 * ticket's teams may approve on a linked ticket instead. Empty: only approvals on the ticket itself count.
 */
export function LinkedApprovalsEditor({ config, errors, onChange }: {
  readonly config: GateConfig;
  readonly errors: readonly FieldError[];
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <section aria-labelledby="linked-approvals-heading">
      <h2 id="linked-approvals-heading">Agreement on a linked ticket</h2>
      <TextField
        path="linkedApprovals.linkType"
        label="Issue link type"
        value={config.linkedApprovals?.linkType ?? ''}
        errors={errors}
        hint="A team's approval recorded by Go-Live Gate on a ticket linked with this link type (its name in Jira, such as Relates) counts for the ticket too, under its rules; a team that signs off numbers, answers or the release must approve on the ticket itself. Each linked ticket (at most 5) adds one Jira read to the panel and the validator. Empty: off."
        onChange={(linkType) => onChange(withOptional(config, 'linkedApprovals', linkType.trim() === '' ? undefined : { linkType }))}
      />
    </section>
  );
}
