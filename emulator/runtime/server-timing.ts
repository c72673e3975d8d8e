import { performance } from 'node:perf_hooks';

/**
 * The site's own cost of one request as a `Server-Timing` header (W3C Server Timing), which the browser's Resource
 * Timing shows the page: the wall time of each named part (e.g. `context`: the site builds the Forge context; `app`: the
 * app's function runs, its Jira and KVS calls included) and the process CPU time the whole request took. CPU time hardly
 * moves with the machine's load, so benchmarks compare it across runs on a busy machine.
 *
 * @example
 * const timing = new ServerTiming();
 * const result = await timing.time('app', () => runner.invokeResolver(call));
 * res.setHeader('server-timing', timing.header()); // "app;dur=41.2, cpu;dur=35.0"
 */
export class ServerTiming {
  private readonly parts: string[] = [];
  private readonly cpuAtStart = process.cpuUsage();

  /** Runs `work`, adding its wall time under `name`. */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.parts.push(`${name};dur=${(performance.now() - start).toFixed(1)}`);
    }
  }

  /** The header value: every part timed so far, then `cpu`, the process CPU time (user + system) since construction. */
  header(): string {
    const cpu = process.cpuUsage(this.cpuAtStart);
    return [...this.parts, `cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(1)}`].join(', ');
  }
}
