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
