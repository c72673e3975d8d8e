import type { GateConfig, ShadowGraduation, Team } from './config';
import { DEFAULT_SHADOW_GRADUATION } from './config';
import type { ShadowReviewEvent, ShadowSecondEvent } from './review-history';

/**
 * The shadow program (seed 003): per team, people in its shadow groups record non-binding reviews that the team's
 * approvers see and may second; once a shadow has enough reviews across enough stages, enough of them seconded, they
 * are ready to become a full reviewer. Nothing here is ever read by the gate's verdict: a shadow review is no approval.
 */

export type Permission = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const inAny = (groups: readonly string[], of: readonly string[] | undefined): boolean => (of ?? []).some((g) => groups.includes(g));

/**
 * Whether someone in `groups` may record a shadow review for a team: they must be in one of its shadow groups and not
 * already one of its approvers (who decide for real).
 *
 * @example
 * mayShadowReview(team, ['golive-cee-shadows']); // { ok: true }
 * mayShadowReview(team, ['golive-cee']); // { ok: false, reason: 'You approve for CEE: record your decision instead' }
 */
export function mayShadowReview(team: Team, groups: readonly string[]): Permission {
  if ((team.shadowGroups ?? []).length === 0) return { ok: false, reason: `${team.name} has no shadow program` };
  if (inAny(groups, team.groups)) return { ok: false, reason: `You approve for ${team.name}: record your decision instead` };
  if (!inAny(groups, team.shadowGroups)) return { ok: false, reason: `You are not in ${(team.shadowGroups ?? []).join(' or ')}` };
  return { ok: true };
}

/**
 * Whether someone may second a shadow review: a full reviewer of its team (in the team's groups), not its author, once.
 *
 * @example
 * maySecond(team, ['golive-cee'], 'acc-cee', review, []); // { ok: true }
 */
export function maySecond(team: Team, groups: readonly string[], accountId: string, review: ShadowReviewEvent, seconds: readonly ShadowSecondEvent[]): Permission {
  if (!inAny(groups, team.groups)) return { ok: false, reason: `Only someone who approves for ${team.name} can second a shadow review` };
  if (review.by === accountId) return { ok: false, reason: 'You cannot second your own shadow review' };
  if (seconds.some((s) => s.review === review.id && s.by === accountId)) return { ok: false, reason: 'You already seconded this shadow review' };
  return { ok: true };
}

/** The graduation criteria in force: the configuration's, or the defaults. */
export const graduationOf = (config: GateConfig): ShadowGraduation => config.shadowGraduation ?? DEFAULT_SHADOW_GRADUATION;

export interface ShadowProgress {
  readonly accountId: string;
  readonly reviews: number;
  /** Different stages reviewed. */
  readonly stages: number;
  /** Reviews seconded by at least one full reviewer. */
  readonly seconded: number;
  readonly ready: boolean;
}

export interface TeamShadows {
  readonly team: string;
  readonly name: string;
  readonly groups: readonly string[];
  /** Every shadow (member of a shadow group, or author of a shadow review for the team), the readiest first. */
  readonly shadows: readonly ShadowProgress[];
}

/**
 * Each shadow's progress against the graduation criteria, per team with a shadow program (or shadow reviews).
 *
 * @example
 * shadowProgress(config, reviews, seconds, { 'golive-cee-shadows': ['acc-sam'] })[0].shadows[0];
 * // { accountId: 'acc-sam', reviews: 5, stages: 2, seconded: 2, ready: true }
 */
export function shadowProgress(
  config: GateConfig,
  reviews: readonly ShadowReviewEvent[],
  seconds: readonly ShadowSecondEvent[],
  membersByGroup: Readonly<Record<string, readonly string[]>>,
): TeamShadows[] {
  const criteria = graduationOf(config);
  const secondedIds = new Set(seconds.map((s) => s.review));
  return config.teams.flatMap((team): TeamShadows[] => {
    const groups = team.shadowGroups ?? [];
    const ofTeam = reviews.filter((r) => r.team === team.key);
    if (groups.length === 0 && ofTeam.length === 0) return [];
    const people = [...new Set([...groups.flatMap((g) => membersByGroup[g] ?? []), ...ofTeam.map((r) => r.by)])];
    const shadows = people.map((accountId): ShadowProgress => {
      const mine = ofTeam.filter((r) => r.by === accountId);
      const stages = new Set(mine.map((r) => r.stage)).size;
      const seconded = mine.filter((r) => secondedIds.has(r.id)).length;
      const ready = mine.length >= criteria.minReviews && stages >= criteria.minStages && seconded >= criteria.minSeconded;
      return { accountId, reviews: mine.length, stages, seconded, ready };
    });
    shadows.sort((a, b) => Number(b.ready) - Number(a.ready) || b.reviews - a.reviews || a.accountId.localeCompare(b.accountId));
    return [{ team: team.key, name: team.name, groups, shadows }];
  });
}
