// npm run fuzz -- --steps N [--seed S] [--max-commands M] [--mix all|honest|tamper|faults|concurrency|crash|v2] [--no-shrink]
//                 [--memory] [--path P]
//
// Long runs of the reference-model test (test/model/) against the real local site: random sequences of the app's
// actions, tampering, faults, late writes, concurrent calls and SIGKILL restarts until N steps have run (`all` alternates
// runs on gate model v1's records and on v2's: decisions per stage and approver, typed items, v2 configurations). Each
// divergence prints as a reproduction (its seed, fast-check's path and the shrunk command list); the run goes on with
// the next seed. A failure of the test bench itself (a site that does not come back after a SIGKILL on a loaded
// machine, an unexpected reply) is no divergence: it is printed and counted apart, the site is started again if it
// stopped answering, and the run goes on. At the end: steps run, tamper steps, fault steps, restarts, divergences,
// lost writes and bench failures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Mix } from '../test/model/commands';
import { newFigures } from '../test/model/harness';
import { Real } from '../test/model/real';
import { BenchFailure, runReferenceModel } from '../test/model/run';

const MIXES: Readonly<Record<string, Mix>> = {
  honest: { membership: 1 },
  tamper: { tamper: 4 },
  faults: { faults: 4 },
  concurrency: { concurrency: 4 },
  crash: { crash: 2 },
  all: { membership: 1, tamper: 3, faults: 2, concurrency: 2, crash: 1, moves: 2 },
  v2: { v2: true, membership: 1, tamper: 3, faults: 2, concurrency: 2, crash: 1, waivers: 1, moves: 2, fields: 2, clock: 1 },
};

/**
 * `all` alternates runs of gate model v1's records (even runs) and v2's (odd runs: per-stage decisions, typed items,
 * approvers from a ticket field, lifetimes on the site clock).
 */
const mixOfRun = (name: string, mix: Mix, run: number): Mix => (name === 'all' && run % 2 === 1 ? { ...mix, v2: true, waivers: 1, fields: 2, clock: 1 } : mix);

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    'max-commands': { type: 'string', default: '60' },
    mix: { type: 'string', default: 'all' },
    'no-shrink': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    path: { type: 'string' },
  },
});

const targetSteps = Number(values.steps);
const firstSeed = values.seed === undefined ? Date.now() % 2_147_483_647 : Number(values.seed);
const mixName = values.mix;
const baseMix = MIXES[mixName];
if (!Number.isInteger(targetSteps) || targetSteps < 1 || Number.isNaN(firstSeed) || baseMix === undefined) {
  console.error(`usage: npm run fuzz -- --steps N [--seed S] [--max-commands M] [--mix ${Object.keys(MIXES).join('|')}] [--no-shrink] [--memory] [--path P]`);
  process.exit(2);
}
// An in-memory site cannot survive a restart: --memory runs everything but the crashes.
const mix: Mix = values.memory ? { ...baseMix, crash: 0 } : baseMix;

async function main(mix: Mix, mixName: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'golive-fuzz-'));
  const figures = newFigures();
  const started = Date.now();
  const real = await Real.start({ db: values.memory ? ':memory:' : join(dir, 'site.sqlite') });
  let runs = 0;
  let lastReport = 0;
  let benchFailures = 0;
  let unplannedRestarts = 0;
  // SIGTERM or Ctrl-C ends a long run after its current sequence, with the figures so far.
  let stopping = false;
  const stop = (): void => {
    stopping = true;
  };
  process.once('SIGTERM', stop).once('SIGINT', stop);
  try {
    while (figures.steps < targetSteps && !stopping) {
      const seed = (firstSeed + runs) % 2_147_483_647;
      runs++;
      try {
        await runReferenceModel({
          real,
          figures,
          mix: mixOfRun(mixName, mix, runs),
          seed,
          numRuns: 1,
          maxCommands: Number(values['max-commands']),
          path: values.path,
          shrink: !values['no-shrink'],
          onDivergence: (divergence) => console.error(`\n[divergence in run ${runs}, seed ${seed}] ${divergence.kinds.join(', ')}: ${divergence.message}`),
        });
      } catch (error) {
        if (error instanceof BenchFailure) {
          benchFailures++;
          const restarted = await real.ensureHealthy();
          if (restarted) unplannedRestarts++;
          console.log(`\n=== Bench failure in run ${runs} (seed ${seed})${restarted ? '; the site stopped answering and was started again' : ''}: ${error.message}`);
        } else {
          console.log(`\n=== Divergence (seed ${seed}; replay: npm run fuzz -- --steps 1 --seed ${seed} --mix ${mixName}${values.memory ? ' --memory' : ''} --path <path below>)`);
          console.log(error instanceof Error ? error.message : String(error));
        }
      }
      if (figures.steps - lastReport >= 200 || figures.steps >= targetSteps) {
        lastReport = figures.steps;
        const minutes = (Date.now() - started) / 60_000;
        console.error(`${new Date().toISOString()} steps ${figures.steps}/${targetSteps} runs ${runs} divergences ${figures.divergences} bench failures ${benchFailures} (${minutes.toFixed(1)} min, ${(figures.steps / minutes).toFixed(0)} steps/min)`);
      }
    }
  } finally {
    await real.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    [
      `\nreference model (${mixName}${values.memory ? ', in-memory site' : ''}, first seed ${firstSeed}, ${runs} runs, ${minutes} min${stopping ? ', stopped before its target' : ''}):`,
      `steps run: ${figures.steps}`,
      `tamper steps: ${figures.tamperSteps}`,
      `fault steps: ${figures.faultSteps}`,
      `concurrent steps: ${figures.concurrentSteps}`,
      `restarts: ${figures.restarts}`,
      `validator checks: ${figures.validatorChecks}, ${figures.validatorPasses} of them passing (${figures.undecided} skipped while an outcome was in doubt)`,
      `summaries checked: ${figures.summaryChecks}`,
      `passes recorded: ${figures.passes} (ticket moves: ${figures.moves}; passes reopened by the way back: ${figures.reopened}; writes refused as read-only after a pass: ${figures.readOnly})`,
      `clock steps: ${figures.clockSteps} (to just before or after an approval or waiver runs out); Owning SIG field steps: ${figures.fieldSteps}`,
      `divergences: ${figures.divergences}${figures.divergences > 0 ? ` ${JSON.stringify(figures.byKind)}` : ''}`,
      `lost writes: ${figures.lost}`,
      `steps replayed while shrinking: ${figures.shrinkSteps}`,
      `bench failures (not divergences): ${benchFailures}, unplanned site restarts: ${unplannedRestarts}`,
    ].join('\n'),
  );
  // 1: the app diverged from the model; 3: no divergence, but some runs ended early because the bench failed.
  process.exitCode = figures.divergences > 0 ? 1 : benchFailures > 0 ? 3 : 0;
}

main(mix, mixName).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
