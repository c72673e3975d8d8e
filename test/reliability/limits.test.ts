// Limits: with 13 teams, maximum-length comments and answers and a long audit trail, no issue property exceeds Jira's
// 32,768-character limit; a write that would go past it is refused by the app with a message that says so.
import type { ConfigView, GateView } from '../../src/contract';
import type { GateConfig } from '../../src/gate/config';
import { LIMITS } from '../../src/gate/config';
import { ANSWERS_PROPERTY } from '../../src/gate/records';
import { templateConfig } from '../support/v1-templates';
import type { RunningSite } from '../support/site';
import { startSite } from '../support/site';
import { ADMIN, auditTrail, call, createTicket, decide, Figures, gateProperties, PM, PROJECT, refusedWith, savedConfig, unwrap } from './support';

const JIRA_VALUE_LIMIT = 32_768;
/** Characters that JSON doubles (`"` -> `\"`), so a maximum-length text is as large as it can be in a property. */
const widest = (length: number, seed: string): string => `${seed}:${'"\\'.repeat(length)}`.slice(0, length);

let site: RunningSite;
let config: GateConfig;
const figures = new Figures('limits');

beforeAll(async () => {
  site = await startSite();
  // The managed add-on gate (13 teams) with the Kubernetes PRR questionnaire added, so answers count too.
  const current = await savedConfig(site);
  const prr = templateConfig('kubernetes-prr');
  const questions = (prr?.questions ?? []).map((question) => ({ ...question, requiredFor: ['go-live'], reviewedBy: 'sre-p' }));
  config = unwrap(await call<ConfigView>(site, ADMIN, 'saveConfig', { config: { ...current, questions } }, PROJECT)).config as GateConfig;
  expect(config.teams).toHaveLength(13);
  expect(config.questions.length).toBeGreaterThan(8);
});
afterAll(async () => {
  figures.print();
  await site?.stop();
});

/** Every `golive-gate.*` property of the ticket with its length as Jira stores it. */
async function propertyLengths(issueKey: string): Promise<Record<string, number>> {
  const { properties } = await gateProperties(site, issueKey);
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, JSON.stringify(value).length]));
}

const oversized = (lengths: Record<string, number>): string[] => Object.entries(lengths).filter(([, length]) => length > JIRA_VALUE_LIMIT).map(([key, length]) => `${key}: ${length}`);

describe('Jira property limits', () => {
  it('keeps every property within 32,768 characters with 13 teams, maximum-length texts and a long audit trail', async () => {
    const { key } = await createTicket(site, 'Go-live at the limits');
    const cycles = 4;
    for (let cycle = 0; cycle < cycles; cycle++) {
      await Promise.all(
        config.teams.map(async (team) => {
          figures.operations += 2;
          unwrap(await decide(site, team.key, key, 'decline', widest(LIMITS.commentLength, `${team.key} declines ${cycle}`)));
          unwrap(await decide(site, team.key, key, 'approve', widest(LIMITS.commentLength, `${team.key} approves ${cycle}`)));
        }),
      );
    }
    // Maximum-length answers filling most of one property, recorded by the reporter.
    const fitting = Math.floor(JIRA_VALUE_LIMIT / (2 * LIMITS.answerLength + 40)) - 1;
    const answers = Object.fromEntries(config.questions.slice(0, fitting).map((question) => [question.key, widest(LIMITS.answerLength, question.key)]));
    figures.operations++;
    unwrap(await call<GateView>(site, PM, 'answerQuestions', { answers }, { issueKey: key }));

    const lengths = await propertyLengths(key);
    // Each team's decision, the answers, the summary, and the service assurance written after the ticket's transition.
    expect(Object.keys(lengths)).toHaveLength(config.teams.length + 3);
    expect(oversized(lengths)).toEqual([]);
    const events = await auditTrail(site, key);
    expect(events).toHaveLength(config.teams.length * cycles * 2 + 1);
    const gate = await call<GateView>(site, PM, 'getGate', {}, { issueKey: key });
    expect(gate.ok).toBe(true);
    if (gate.ok) expect(gate.data.records.answers?.answers).toEqual(answers);
    figures.lost += oversized(lengths).length;
  }, 120_000);

  it('refuses a write that would not fit in an issue property, saying so, and stores nothing', async () => {
    const { key } = await createTicket(site, 'Go-live past the limits');
    unwrap(await decide(site, 'sre-p', key, 'approve', 'LGTM'));
    const before = await gateProperties(site, key);

    const tooMany = Object.fromEntries(config.questions.map((question) => [question.key, widest(LIMITS.answerLength, question.key)]));
    figures.operations++;
    const refused = await call<GateView>(site, PM, 'answerQuestions', { answers: tooMany }, { issueKey: key });
    expect(refusedWith(refused).code).toBe('too-large');
    expect(refusedWith(refused).message).toContain('32,768');
    figures.refused++;

    const longComment = await decide(site, 'cee', key, 'approve', 'x'.repeat(LIMITS.commentLength + 1));
    const longAnswer = await call<GateView>(site, PM, 'answerQuestions', { answers: { [config.questions[0]?.key ?? '']: 'x'.repeat(LIMITS.answerLength + 1) } }, { issueKey: key });
    figures.operations += 2;
    for (const result of [longComment, longAnswer]) {
      expect(refusedWith(result).code).toBe('invalid-input');
      expect(JSON.stringify(refusedWith(result).fieldErrors)).toMatch(/at most \d+ characters/);
      figures.refused++;
    }

    const after = await gateProperties(site, key);
    expect(after.properties).toEqual(before.properties);
    expect(after.properties[ANSWERS_PROPERTY]).toBeUndefined();
  });
});
