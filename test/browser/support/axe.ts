// axe-core, run inside an app frame: the accessibility rules a Marketplace review and a screen-reader user apply.
import { readFileSync } from 'node:fs';
import type { AxeResults } from 'axe-core';
import type { Frame, FrameLocator, Page } from 'playwright-core';

/** axe's browser build, evaluated in the frame through DevTools (the frame's CSP forbids inline scripts). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The document inside an iframe of the page, to evaluate in. */
export async function frameOf(page: Page, iframeSelector: string): Promise<Frame> {
  const element = await page.locator(iframeSelector).elementHandle();
  const frame = await element?.contentFrame();
  if (frame === null || frame === undefined) throw new Error(`No frame at ${iframeSelector}`);
  return frame;
}

/**
 * The serious and critical axe violations of a document (WCAG 2.1 A and AA and axe's best practices), one line each
 * naming the rule and where it failed: `[]` is the expectation.
 */
export async function seriousViolations(target: Frame | Page): Promise<string[]> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } };
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact ?? ''}): ${v.help} at ${v.targets.slice(0, 5).join(', ')}${v.targets.length > 5 ? ` and ${v.targets.length - 5} more` : ''}`);
}

/** Waits for something inside the frame before it is checked, so axe sees the screen as the user does. */
export async function ready(locator: ReturnType<FrameLocator['locator']>): Promise<void> {
  await locator.first().waitFor();
}
