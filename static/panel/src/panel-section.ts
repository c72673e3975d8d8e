import type { ComponentType } from 'react';
import type { GateView, ResolverResult } from '../../../src/contract';
import type { GateConfig } from '../../../src/gate/config';
import type { Verdict } from '../../../src/gate/verdict';
import type { Failure } from '../../shared/bridge';

/** Runs an action whose answer is the updated gate; on success the panel shows `done` and moves focus to it. */
export type Act = (run: () => Promise<ResolverResult<GateView>>, done: string) => Promise<Failure | undefined>;

/** What every part of the panel receives. */
export interface PanelProps {
  readonly gate: GateView;
  readonly config: GateConfig;
  /** The stage the ticket is at: the first one not passed, or the last when all passed. */
  readonly current: Verdict;
  /** A person's display name ("you" for the viewer); never an account id. */
  readonly nameOf: (accountId: string) => string;
  /** A person's display name, the viewer's too (for avatars). */
  readonly fullNameOf: (accountId: string) => string;
  readonly stageName: (key: string) => string;
  readonly teamName: (key: string) => string;
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
