// @ts-check
// Ends the jest run with one plain line, `tests: N passed, N failed, N skipped`, which CI reads. Plain JavaScript:
// jest loads reporters without transforming them (scripts/tsconfig.json type-checks it).

/** @implements {Pick<import('@jest/reporters').Reporter, 'onRunComplete'>} */
class SummaryReporter {
  /**
   * @param {unknown} _contexts
   * @param {import('@jest/reporters').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`);
  }
}
module.exports = SummaryReporter;
