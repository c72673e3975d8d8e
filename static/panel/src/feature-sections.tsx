import { commitments } from '../../../src/gate/commitments';
import { AfterGoLive } from './after-go-live';
import type { PanelProps, PanelSection } from './panel-section';
import { PlaybookSection } from './playbook';
import { ReviewerAssignment } from './reviewer-assignment';

// The panel's on-demand parts that issues 17 and 18 added: each opens from one line under the matrix, so the first
// screen stays what is asked of the viewer, the verdict and the matrix (issue 14's height budget).

/** Service assurance and usage against the agreed numbers (issue 18). */
export const AFTER_GO_LIVE_SECTION: PanelSection = {
  key: 'after-go-live',
  title: 'After go-live',
  summary: ({ gate, config }) => {
    if (gate.assurance === undefined) return undefined;
    // A breach is news: it shows on the closed line too.
    const breached = commitments(config, gate.records.numbers?.values, gate.records.usage?.values).filter((c) => c.state === 'breached');
    return [`Service assurance: ${gate.assurance.level}`, ...breached.map((c) => `${c.label.toLowerCase()} breached`)].join(' · ');
  },
  Body: ({ gate, act, nameOf }: PanelProps) => <AfterGoLive gate={gate} act={act} nameOf={nameOf} />,
};

/** The playbook generated from the answers (issue 18), where the gate has a questionnaire or a stage requires one. */
export const PLAYBOOK_SECTION: PanelSection = {
  key: 'playbook',
  title: 'Playbook',
  summary: ({ gate, config }) => {
    const requiring = gate.config?.stages.some((s) => s.requirePlaybook === true) ?? false;
    if (config.items.length === 0 && !requiring) return undefined;
    if (gate.records.playbook === undefined) return 'not generated';
    return gate.playbookCurrent === false ? 'out of date' : 'current';
  },
  Body: ({ gate, act, nameOf }: PanelProps) => <PlaybookSection gate={gate} act={act} nameOf={nameOf} />,
};

/** Each team's named reviewer of this ticket (issue 17). */
export const REVIEWERS_SECTION: PanelSection = {
  key: 'reviewers',
  title: 'Reviewers',
  summary: () => 'who reviews for each team',
  Body: () => <ReviewerAssignment />,
};
