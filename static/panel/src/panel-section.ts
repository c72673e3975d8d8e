import type { ComponentType } from 'react';
import type { GateRecordsV2, GateView, ResolverResult, WaiverPermission } from '../../../src/contract';
import type { StageTeamRights } from '../../../src/gate/v2/permissions';
import type { GateConfigV2 } from '../../../src/gate/v2/config';
import type { VerdictV2 } from '../../../src/gate/v2/verdict';
import type { Failure } from '../../shared/bridge';

/** Runs an action whose answer is the updated gate; on success the panel shows `done` and moves focus to it. */
export type Act = (run: () => Promise<ResolverResult<GateView>>, done: string) => Promise<Failure | undefined>;

/** What every part of the panel receives. */
export interface PanelProps {
  readonly gate: GateView;
  /** The configuration as gate model v2 reads it (`gate.configV2`). */
  readonly config: GateConfigV2;
  /** The stage the ticket is at: the first one not passed, or the last when all passed. */
  readonly current: VerdictV2;
  /** One verdict per stage, by the function the validator applies (`gate.verdictsV2`). */
  readonly verdicts: readonly VerdictV2[];
  readonly records: GateRecordsV2;
  /** For every stage and each team it requires, what the viewer may do there. */
  readonly stagePermissions: readonly StageTeamRights[];
  /** For every team, number and item, whether the viewer may mark it not applicable. */
  readonly waiverPermissions: readonly WaiverPermission[];
  /** A person's display name ("you" for the viewer); never an account id. */
  readonly nameOf: (accountId: string) => string;
  /** A person's display name, the viewer's too (for avatars). */
  readonly fullNameOf: (accountId: string) => string;
  readonly stageName: (key: string) => string;
  readonly teamName: (key: string) => string;
  /** A sentence of the rules with every account id it names replaced by that person's name. */
  readonly withNames: (text: string) => string;
  readonly act: Act;
}

/**
 * A part of the panel that opens on demand (numbers, questionnaire, override, audit trail...): a disclosure whose
 * closed line is the title and a one-line summary. Features add theirs to PANEL_SECTIONS (sections.ts).
 */
export interface PanelSection {
  readonly key: string;
  readonly title: string;
  /** One line beside the title ("6 of 19 answered for Beta"); undefined leaves the section out for this gate. */
  readonly summary: (props: PanelProps) => string | undefined;
  readonly Body: ComponentType<PanelProps>;
}
