import { answerItems } from '../app/answer-items';
import { answerQuestions } from '../app/answer-questions';
import { assignReviewer, getReviewers } from '../app/assign-reviewer';
import { decide } from '../app/decide';
import { exportEvidence } from '../app/export-evidence';
import { generatePlaybook } from '../app/generate-playbook';
import { getAudit } from '../app/get-audit';
import { grantException } from '../app/grant-exception';
import { loadGate } from '../app/load-gate';
import { loadGlance } from '../app/load-glance';
import { override } from '../app/override';
import { recordNumbers } from '../app/record-numbers';
import { recordUsage } from '../app/record-usage';
import { getShadowReviews, recordShadowReview, secondShadowReview } from '../app/shadow-reviews';
import { waive, withdrawWaiver } from '../app/waive';
import type { Caller, PanelPorts } from '../ports';
import { userPorts } from './composition-root';
import { defineResolver } from './define-resolver';
import type { ResolverDefinitions } from './define-resolver';
import { issueInvocation } from './invocation';

/**
 * The panel's resolver over the ports of each caller (tests pass in-memory ones): every function of CONTRACT.panel,
 * on the issue the Forge context names.
 *
 * @example
 * const definitions = panelResolverOver((caller) => world.portsFor(caller.accountId));
 */
export function panelResolverOver(portsFor: (caller: Caller) => PanelPorts): ResolverDefinitions {
  return defineResolver('panel', issueInvocation, {
    getGate: (_input, { caller, issueKey }) => loadGate(portsFor(caller), caller, issueKey),
    decide: (input, { caller, issueKey }) => decide(portsFor(caller), caller, issueKey, input),
    recordNumbers: (input, { caller, issueKey }) => recordNumbers(portsFor(caller), caller, issueKey, input),
    answerQuestions: (input, { caller, issueKey }) => answerQuestions(portsFor(caller), caller, issueKey, input),
    override: (input, { caller, issueKey }) => override(portsFor(caller), caller, issueKey, input),
    getAudit: (input, { caller, issueKey }) => getAudit(portsFor(caller), issueKey, input),
    getGlance: (_input, { caller, issueKey }) => loadGlance(portsFor(caller), issueKey),
    recordUsage: (input, { caller, issueKey }) => recordUsage(portsFor(caller), caller, issueKey, input),
    getShadowReviews: (_input, { caller, issueKey }) => getShadowReviews(portsFor(caller), caller, issueKey),
    recordShadowReview: (input, { caller, issueKey }) => recordShadowReview(portsFor(caller), caller, issueKey, input),
    secondShadowReview: (input, { caller, issueKey }) => secondShadowReview(portsFor(caller), caller, issueKey, input),
    generatePlaybook: (_input, { caller, issueKey }) => generatePlaybook(portsFor(caller), caller, issueKey),
    grantException: (input, { caller, issueKey }) => grantException(portsFor(caller), caller, issueKey, input),
    getReviewers: (_input, { caller, issueKey }) => getReviewers(portsFor(caller), caller, issueKey),
    assignReviewer: (input, { caller, issueKey }) => assignReviewer(portsFor(caller), caller, issueKey, input),
    waive: (input, { caller, issueKey }) => waive(portsFor(caller), caller, issueKey, input),
    withdrawWaiver: (input, { caller, issueKey }) => withdrawWaiver(portsFor(caller), caller, issueKey, input),
    answerItems: (input, { caller, issueKey }) => answerItems(portsFor(caller), caller, issueKey, input),
    exportEvidence: (input, { caller, issueKey }) => exportEvidence(portsFor(caller), caller, issueKey, input.format),
  });
}

/** The issue panel's resolver (manifest function `panel-resolver`). */
export const panelResolver = panelResolverOver(userPorts);
