import type { NumberVerdict, QuestionVerdict, TeamVerdict, Verdict } from '../verdict';
import type { ItemVerdict, NumberVerdictV2, TeamVerdictV2, VerdictV2 } from './verdict';

const requiredTeam = (t: TeamVerdictV2): t is TeamVerdictV2 & Pick<TeamVerdict, 'state'> => t.state !== 'waived' && t.state !== 'not-required';
const requiredNumber = (n: NumberVerdictV2): n is NumberVerdictV2 & Pick<NumberVerdict, 'state'> => n.state !== 'waived';

function teamOf(t: TeamVerdictV2 & Pick<TeamVerdict, 'state'>): TeamVerdict {
  return {
    team: t.team,
    name: t.name,
    area: t.area,
    state: t.state,
    reason: t.reason,
    ...(t.decision !== undefined && { decision: t.decision }),
    ...(t.integrity !== undefined && { integrity: t.integrity }),
    ...(t.departedApprover !== undefined && { departedApprover: t.departedApprover }),
  };
}

function questionOf(item: ItemVerdict): QuestionVerdict[] {
  if (item.state === 'waived') return [];
  // v1 knows no typed answers: an answer its kind refuses is one still missing.
  return [{ key: item.key, section: item.section, state: item.state === 'invalid' ? 'unanswered' : item.state }];
}

/**
 * A v2 verdict in model v1's shape, for the readers of the panel's `verdicts` (release deadlines, required checks,
 * approvals on linked tickets, comment replies): the same judgement and sentences (`message`, `reasons`, `missing`),
 * with only what the ticket requires at the stage (teams, numbers and items waived or not required are left out).
 *
 * @example
 * evaluateAllV2(facts, now).map(verdictInV1Shape)[0]?.message // 'Promote to prod blocked: waiting on SRE-P'
 */
export function verdictInV1Shape(verdict: VerdictV2): Verdict {
  return {
    stage: verdict.stage,
    stageName: verdict.stageName,
    allowed: verdict.allowed,
    overridden: verdict.overridden,
    teams: verdict.teams.filter(requiredTeam).map(teamOf),
    numbers: verdict.numbers.filter(requiredNumber).map((n) => ({ key: n.key, label: n.label, unit: n.unit, state: n.state, reason: n.reason, ...(n.value !== undefined && { value: n.value }) })),
    questions: verdict.questions.flatMap(questionOf),
    ...(verdict.override !== undefined && { override: verdict.override }),
    missing: verdict.missing,
    reasons: verdict.reasons,
    message: verdict.message,
    ...(verdict.freeze !== undefined && { freeze: verdict.freeze }),
    ...(verdict.exception !== undefined && { exception: verdict.exception }),
    ...(verdict.checks !== undefined && { checks: verdict.checks }),
  };
}
