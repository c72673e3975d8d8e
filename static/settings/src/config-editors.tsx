import type { ConfigView, SiteField } from '../../../src/contract';
import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { LinkedApprovalsEditor } from './linked-approvals-editor';
import { NumbersEditor } from './numbers-editor';
import { PoliciesEditor } from './policies-editor';
import { ItemsEditor } from './items-editor';
import { ScopeEditor } from './scope-editor';
import { StagesEditor, TeamStageGrid } from './stages-editor';
import { TeamsEditor } from './teams-editor';
import { UserMappingEditor } from './user-mapping-editor';
import type { BenchState } from './use-bench-depth';

/**
 * Every part of the configuration being edited: which tickets are gated, teams, stages and which teams each needs,
 * numbers, the checklist and questions, policies.
 */
export function ConfigEditors({ draft, saved, errors, bench, fields, onChange }: {
  readonly draft: GateConfig;
  readonly saved: ConfigView['configV2'];
  readonly fields: readonly SiteField[];
  readonly errors: readonly FieldError[];
  readonly bench: BenchState | undefined;
  readonly onChange: (config: GateConfig) => void;
}) {
  return (
    <>
      <ScopeEditor config={draft} errors={errors} onChange={onChange} />
      <TeamsEditor
        config={draft}
        savedKeys={new Set(saved?.teams.map((t) => t.key) ?? [])}
        errors={errors}
        bench={bench?.status === 'ready' ? bench.teams : undefined}
        benchLoading={bench?.status === 'loading'}
        fields={fields}
        onChange={onChange}
      />
      {bench?.status === 'failed' ? <p className="hint">Could not count approvers: {bench.message}</p> : null}
      <StagesEditor config={draft} savedKeys={new Set(saved?.stages.map((s) => s.key) ?? [])} errors={errors} onChange={onChange} />
      <TeamStageGrid config={draft} errors={errors} onChange={onChange} />
      <NumbersEditor config={draft} errors={errors} onChange={onChange} />
      <ItemsEditor config={draft} errors={errors} onChange={onChange} />
      <PoliciesEditor config={draft} errors={errors} onChange={onChange} />
      <UserMappingEditor config={draft} errors={errors} onChange={onChange} />
      <LinkedApprovalsEditor config={draft} errors={errors} onChange={onChange} />
    </>
  );
}
