import type { GateConfig } from './config';
import { evaluateStage } from '../../test/support/v1-evaluate';
import { mergeBases, normalizeBasis } from './number-basis';
import { templateConfig } from '../../test/support/v1-templates';
import { IssueFixture } from '../../test/support/issue-fixture';

const config = templateConfig('managed-addon') as GateConfig;
const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';
const NOW = new Date('2026-11-03T10:00:00.000Z');

describe('the basis of a number', () => {
  it('keeps what was typed, trimmed, and leaves blank parts and unlabelled figures out', () => {
    expect(normalizeBasis({ costOfService: ' 2 clusters ', humanToil: '  ', figures: [{ label: 'cost per customer', value: 12, unit: 'USD' }, { label: ' ', value: 3 }] })).toEqual({
      costOfService: '2 clusters',
      figures: [{ label: 'cost per customer', value: 12, unit: 'USD' }],
    });
    expect(normalizeBasis({ notes: '', figures: [] })).toBeUndefined();
  });

  it('replaces a named basis, keeps the others, and removes one given empty', () => {
    expect(mergeBases({ capacity: { notes: 'a' }, velocity: { notes: 'b' } }, { capacity: { notes: 'c' } })).toEqual({ capacity: { notes: 'c' }, velocity: { notes: 'b' } });
    expect(mergeBases({ capacity: { notes: 'a' } }, { capacity: { notes: ' ' } })).toEqual({});
  });

  it('makes SRE-P’s approval stale when the basis of capacity changes, like the number itself', () => {
    const all = config.teams.map((t) => t.key);
    const issue = new IssueFixture(config).recordNumbers({ capacity: 100, velocity: 10 }, T0, 'acc-sre-p', { capacity: { costOfService: '2 clusters' } });
    for (const team of all) issue.approve(team, T0);
    expect(evaluateStage(config, 'go-live', issue.snapshot(), NOW).allowed).toBe(true);

    issue.recordNumbers({}, T1, 'acc-sre-p', { capacity: { costOfService: '3 clusters' } });
    const verdict = evaluateStage(config, 'go-live', issue.snapshot(), NOW);
    expect(verdict.allowed).toBe(false);
    expect(verdict.teams.filter((t) => t.state === 'stale').map((t) => t.team)).toEqual(['sre-p']);
  });
});
