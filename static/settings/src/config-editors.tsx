import type { ConfigView } from '../../../src/contract';
import type { FieldError, GateConfig } from '../../../src/gate/config';
import { LinkedApprovalsEditor } from './linked-approvals-editor';
import { NumbersEditor } from './numbers-editor';
import { PoliciesEditor } from './policies-editor';
import { QuestionsEditor } from './questions-editor';
import { StagesEditor, TeamStageGrid } from './stages-editor';
import { TeamsEditor } from './teams-editor';
import { UserMappingEditor } from './user-mapping-editor';
import type { BenchState } from './use-bench-depth';

/** Every part of the configuration being edited: teams, stages and which teams each needs, numbers, questions, policies. */
export function ConfigEditors({ draft, saved, errors, bench, onChange }: {
  readonly draft: GateConfig;
  readonly saved: ConfigView['config'];
  readonly errors: readonly FieldError[];
  readonly bench: BenchState | undefined;
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <>
      <TeamsEditor
        config={draft}
        savedKeys={new Set(saved?.teams.map((t) => t.key) ?? [])}
        errors={errors}
        bench={bench?.status === 'ready' ? bench.teams : undefined}
        benchLoading={bench?.status === 'loading'}
        onChange={onChange}
      />
      {bench?.status === 'failed' ? <p className="hint">Could not count approvers: {bench.message}</p> : null}
      <StagesEditor config={draft} savedKeys={new Set(saved?.stages.map((s) => s.key) ?? [])} errors={errors} onChange={onChange} />
      <TeamStageGrid config={draft} errors={errors} onChange={onChange} />
      <NumbersEditor config={draft} errors={errors} onChange={onChange} />
      <QuestionsEditor config={draft} errors={errors} onChange={onChange} />
      <PoliciesEditor config={draft} errors={errors} onChange={onChange} />
      <UserMappingEditor config={draft} errors={errors} onChange={onChange} />
      <LinkedApprovalsEditor config={draft} errors={errors} onChange={onChange} />
    </>
  );
}
