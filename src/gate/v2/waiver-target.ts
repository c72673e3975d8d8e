import type { GateConfigV2 } from './config';
import type { WaiverRecord, WaiverTarget } from './records';

/**
 * What a waiver's target is called: the team's or number's name, the item's text in quotes.
 *
 * @example
 * targetName(config, { kind: 'team', key: 'layered-sre' }) // 'Layered SRE'
 */
export function targetName(config: GateConfigV2, target: WaiverTarget): string {
  if (target.kind === 'team') return config.teams.find((t) => t.key === target.key)?.name ?? target.key;
  if (target.kind === 'number') return config.numbers.find((n) => n.key === target.key)?.label ?? target.key;
  const item = config.items.find((i) => i.key === target.key);
  return item === undefined ? target.key : `“${item.text}”`;
}

/**
 * The stages that need a waiver's target: those requiring the team or number, and those the item is required for.
 *
 * @example
 * stagesNeeding(config, { kind: 'team', key: 'layered-sre' }).map((s) => s.key) // ['go-live']
 */
export function stagesNeeding(config: GateConfigV2, target: WaiverTarget): GateConfigV2['stages'] {
  const { kind, key } = target;
  return config.stages.filter((s) =>
    kind === 'team' ? s.teams.some((t) => t.team === key) : kind === 'number' ? s.numbers.includes(key) : config.items.some((i) => i.key === key && i.requiredFor.includes(s.key)),
  );
}

/**
 * When a waiver stops counting: at the earliest of the lifetimes of the stages that need its target, if any has one.
 *
 * @example
 * waiverExpiry(config, waiver) // { at: '2026-12-29T10:00:00.000Z', stage: 'Go live' }
 */
export function waiverExpiry(config: GateConfigV2, waiver: WaiverRecord): { readonly at: string; readonly stage: string } | undefined {
  const expiries = stagesNeeding(config, waiver.target).flatMap((s) =>
    s.waiverLifetimeDays === undefined ? [] : [{ at: new Date(Date.parse(waiver.at) + s.waiverLifetimeDays * 86_400_000).toISOString(), stage: s.name }],
  );
  return expiries.sort((a, b) => a.at.localeCompare(b.at))[0];
}
