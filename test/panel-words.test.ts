// The panel shows the current stage's verdict in the validator's own words: for the same records, the verdict line
// and the message Jira shows when the validator refuses the transition are one string, produced once in src/gate.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { decide } from '../src/app/decide';
import { loadGate } from '../src/app/load-gate';
import { override } from '../src/app/override';
import { recordNumbers } from '../src/app/record-numbers';
import { checkTransition } from '../src/app/validate-transition';
import { StageVerdict } from '../static/panel/src/stage-verdict';
import type { MemoryWorld } from './support/in-memory-ports';
import { demoWorld, ISSUE_KEY } from './support/in-memory-ports';

const as = (world: MemoryWorld, accountId: string) => [world.portsFor(accountId), { accountId }, ISSUE_KEY] as const;
const approve = async (world: MemoryWorld, ...teams: string[]): Promise<void> => {
  for (const team of teams) await decide(...as(world, `acc-${team}`), { team, decision: 'approve' });
};
const ALL_TEAMS = ['layered-sre', 'sre-p', 'cee', 'osd-e2e', 'osd-sre', 'platform-payload', 'osd-rosa-pm', 'ocm-pm', 'addon-pm', 'servicedev-a', 'servicedev-b', 'mt-sre', 'dev-team'];

const scenarios: [string, (world: MemoryWorld) => Promise<void>][] = [
  ['a fresh ticket', () => Promise.resolve()],
  ['a half-approved ticket', (world) => approve(world, 'sre-p', 'osd-e2e', 'cee')],
  ['a decline among approvals', async (world) => {
    await approve(world, 'mt-sre', 'dev-team');
    await decide(...as(world, 'acc-ocm-pm'), { team: 'ocm-pm', decision: 'decline', comment: 'Pricing & quota not agreed' });
  }],
  ['an approval gone stale when the numbers changed', async (world) => {
    await recordNumbers(...as(world, 'acc-pm'), { values: { capacity: 500, velocity: 20 } });
    await approve(world, ...ALL_TEAMS);
    await recordNumbers(...as(world, 'acc-pm'), { values: { capacity: 900 } });
  }],
  ['a ready ticket', async (world) => {
    await recordNumbers(...as(world, 'acc-pm'), { values: { capacity: 500, velocity: 20 } });
    await approve(world, ...ALL_TEAMS);
  }],
  ['an overridden stage', (world) => override(...as(world, 'acc-admin'), { stage: 'go-live', justification: 'Launch agreed with the VP; CEE signs off next week' }).then(() => undefined)],
];

/** The text of the verdict line, as the browser shows it. */
function headlineOf(html: string): string {
  const heading = /<h2[^>]*class="verdict-line[^"]*"[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? '';
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };
  return heading.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#x27);/g, (entity) => entities[entity] ?? entity);
}

describe('the panel and the validator', () => {
  it.each(scenarios)('say the same words for each stage of %s', async (_name, arrange) => {
    const world = demoWorld();
    await arrange(world);
    const gate = await loadGate(...as(world, 'acc-pm'));
    expect(gate.verdicts.length).toBe(2);
    for (const verdict of gate.verdicts) {
      // Whichever stage is current, the line is the validator's message for it.
      const config = gate.config;
      if (config === undefined) throw new Error('the demo world has a configuration');
      const name = (id: string): string => id;
      const props = { gate, config, current: verdict, verdicts: gate.verdicts, nameOf: name, fullNameOf: name, stageName: name, teamName: name, act: () => Promise.resolve(undefined) };
      const headline = headlineOf(renderToStaticMarkup(createElement(StageVerdict, props)));
      const validator = await checkTransition(world.portsFor('app'), { issue: { key: ISSUE_KEY }, configuration: JSON.stringify({ stage: verdict.stage }) });
      expect(validator.result).toBe(verdict.allowed);
      expect(headline).toBe(validator.errorMessage);
    }
  });
});
