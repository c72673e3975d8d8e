/**
 * The stage a ticket is at: the first stage, in configuration order, that it has not passed; the number of stages
 * when it passed them all. Without zod: the summary, the notifications and the review queue ask it the same way.
 *
 * @example
 * currentStageIndex(config.stages, (stage) => summary.stages[stage.key]?.allowed === true) // 1: waiting at go-live
 */
export function currentStageIndex<S>(stages: readonly S[], passed: (stage: S) => boolean): number {
  const index = stages.findIndex((stage) => !passed(stage));
  return index === -1 ? stages.length : index;
}

/**
 * The verdict of the stage a ticket is at: the first stage not passed, else the last; undefined only without stages.
 * The panel, the glance and the summary all show this one.
 *
 * @example
 * currentVerdict(evaluateAll(config, snapshot, now))?.stage // 'promote-to-prod'
 */
export function currentVerdict<V extends { readonly allowed: boolean }>(verdicts: readonly V[]): V | undefined {
  return verdicts[Math.min(currentStageIndex(verdicts, (v) => v.allowed), verdicts.length - 1)];
}

/**
 * The stage a workflow validator naming `stageKey` enforces: the stage of that key, else the one the configuration's
 * stage aliases map it to (kept when a template or an import replaced the stages), else undefined.
 *
 * @example
 * enforcedStageKey({ stages: [{ key: 'alpha' }], stageAliases: { 'promote-to-prod': 'alpha' } }, 'promote-to-prod') // 'alpha'
 */
export function enforcedStageKey(config: { readonly stages: readonly { readonly key: string }[]; readonly stageAliases?: Readonly<Record<string, string>> | undefined }, stageKey: string): string | undefined {
  if (config.stages.some((s) => s.key === stageKey)) return stageKey;
  const alias = config.stageAliases?.[stageKey];
  return alias !== undefined && config.stages.some((s) => s.key === alias) ? alias : undefined;
}
