// The panel's first verdict as the bench prints it: the total, then where it went.
import type { VerdictLoad } from './first-verdict';

const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'n/a');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Lines for one (median) load: the verdict's paint, the driver's view, each phase, the server's and browser's CPU. */
export function renderVerdictLoad(load: VerdictLoad): string[] {
  const { phases: p, invokeServer: invoke, frameServer: frame } = load;
  return [
    `  first verdict painted ${ms(load.verdictMs)} after navigation start (the test driver has it after ${ms(load.driverMs)})`,
    `  phases: issue page HTML ${ms(p.pageHtml)} · page parsed to the panel frame ${ms(p.toFrame)} · frame HTML ${ms(p.frameHtml)} · scripts and styles ${ms(p.assets)} · start-up to getGate sent ${ms(p.startup)} · getGate ${ms(p.invoke)} · render to paint ${ms(p.render)}`,
    `  getGate on the site: Forge context ${ms(invoke.contextMs)}, app function ${ms(invoke.appMs)} (its Jira and KVS calls included), process CPU ${ms(invoke.cpuMs)}; frame HTML on the site: context ${ms(frame.contextMs)}, CSP ${ms(frame.cspMs)}, CPU ${ms(frame.cpuMs)}`,
    `  ${load.roundTrips} requests one after another before the verdict; ${kb(load.bytes)} transferred (page, panel frame and its files); Chromium main thread busy ${ms(load.browserBusyMs)}, of which script ${ms(load.browserScriptMs)}`,
  ];
}
