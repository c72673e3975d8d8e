/**
 * Request counters by kind, e.g. `jira:GET /rest/api/3/issue/{issueIdOrKey}`, `kvs:get`, `invoke:getGate`.
 * Benchmarks and tests read them to prove how many calls a flow makes.
 */
export class Metrics {
  private readonly counts = new Map<string, number>();

  count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
