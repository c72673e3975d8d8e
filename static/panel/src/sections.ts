import { AUDIT_SECTION } from './audit-trail';
import { EVIDENCE_SECTION } from './evidence';
import { AFTER_GO_LIVE_SECTION, PLAYBOOK_SECTION, REVIEWERS_SECTION } from './feature-sections';
import { LINKED_AGREEMENT_SECTION } from './linked-agreement';
import { NUMBERS_SECTION } from './numbers-form';
import { OVERRIDE_SECTION } from './override-form';
import type { PanelSection } from './panel-section';
import { QUESTIONNAIRE_SECTION } from './questionnaire';
import { REQUIRED_CHECKS_SECTION } from './required-checks';

/**
 * The panel's parts that open on demand, in the order shown under the matrix. A feature adds its own section in its
 * own file and one line here.
 */
export const PANEL_SECTIONS: readonly PanelSection[] = [
  REQUIRED_CHECKS_SECTION,
  LINKED_AGREEMENT_SECTION,
  NUMBERS_SECTION,
  QUESTIONNAIRE_SECTION,
  PLAYBOOK_SECTION,
  REVIEWERS_SECTION,
  AFTER_GO_LIVE_SECTION,
  OVERRIDE_SECTION,
  EVIDENCE_SECTION,
  AUDIT_SECTION,
];
