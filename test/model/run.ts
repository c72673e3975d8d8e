// Runs the reference-model property: random command sequences against the real site, each run on two fresh tickets.
import fc from 'fast-check';
import type { Mix } from './commands';
import { initialVariantV2, steps } from './commands';
import type { Figures } from './harness';
import { Divergence, Harness, newFigures } from './harness';
import type { Real } from './real';

export interface RunOptions {
  readonly real: Real;
  readonly figures: Figures;
  readonly mix: Mix;
  readonly seed: number;
  readonly numRuns: number;
  readonly maxCommands: number;
  /** fast-check's path of a counterexample, to replay it (with its seed). */
  readonly path?: string | undefined;
  /** Shrink a failure to a short reproduction (slow against a real site: every attempt replays its commands). */
  readonly shrink: boolean;
  /** Called with each divergence the first time a run finds it (before shrinking). */
  readonly onDivergence?: ((divergence: Divergence, log: readonly string[]) => void) | undefined;
}

/**
 * Asserts that no sequence diverges from the model; throws fast-check's report (seed, path, the shrunk command list as
 * a readable reproduction, and the divergence) when one does.
 * @example await runReferenceModel({ real, figures, mix: { tamper: 3 }, seed: 42, numRuns: 2, maxCommands: 30, shrink: false });
 */
export async function runReferenceModel(options: RunOptions): Promise<void> {
  const { real, figures, mix, seed, numRuns, maxCommands, path, shrink, onDivergence } = options;
  let shrinking = false;
  let broken: unknown;
  await fc.assert(
    // A v2 run starts from a configuration of its own (the owning SIG from the ticket, lifetimes, ...), v1 from the template.
    fc.asyncProperty(fc.commands(steps(mix), { maxCommands, size: 'max' }), mix.v2 === true ? initialVariantV2 : fc.constant(undefined), async (commands, initial) => {
      // Replays while shrinking count apart: the figures are about the sequences generated.
      if (broken !== undefined) return;
      const counted = shrinking ? newFigures() : figures;
      let harness: Harness;
      try {
        harness = await Harness.setup(real, counted, mix.v2 === true ? 2 : 1, initial);
      } catch (error) {
        broken = error;
        return;
      }
      try {
        await fc.asyncModelRun(() => ({ model: {}, real: harness }), commands);
      } catch (error) {
        // Anything but a divergence is the test bench failing (a site that did not come back, an unexpected reply):
        // it is reported as such, never shrunk or counted as a divergence; the run stops here.
        if (!(error instanceof Divergence)) {
          broken ??= error;
          return;
        }
        if (!shrinking) {
          shrinking = true;
          figures.divergences++;
          if (error.kinds.includes('lost-write')) figures.lost++;
          for (const kind of error.kinds) figures.byKind[kind] = (figures.byKind[kind] ?? 0) + 1;
          onDivergence?.(error, harness.log);
        }
        throw error;
      } finally {
        if (counted !== figures) figures.shrinkSteps += counted.steps;
      }
    }),
    { seed, numRuns, ...(path !== undefined && { path }), endOnFailure: !shrink, verbose: 1 },
  );
  if (broken !== undefined) throw new BenchFailure(broken);
}

/** The run could not go on for a reason other than a divergence from the model. */
export class BenchFailure extends Error {
  override readonly name = 'BenchFailure';
  constructor(cause: unknown) {
    super(`the test bench failed (not a divergence): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
