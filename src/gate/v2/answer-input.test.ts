import { parseAnswersInput } from './answer-input';
import type { GateConfigV2 } from './config';
import { templateConfigV2 } from './templates';

const addon = templateConfigV2('managed-addon')!;
const config: GateConfigV2 = {
  ...addon,
  items: [
    ...addon.items,
    { key: 'pager-rotation', section: 'Support', text: 'Who is on the pager rotation', kind: 'text', requiredFor: [] },
    { key: 'error-budget', section: 'Support', text: 'Monthly error budget', kind: 'number', min: 0, max: 100, unit: '%', requiredFor: [] },
  ],
};

describe('parseAnswersInput', () => {
  it('takes an answer of each kind that meets its item, and null to clear one', () => {
    const answers = {
      'pager-rotation': 'SRE-P, follow the sun',
      'osd-e2e-cd-signal': 'https://github.com/openshift/osde2e/actions/runs/1',
      'go-live-signal': 'Free overall',
      'platform-not-compromised': true,
      'error-budget': 0.1,
      'release-request': null,
    };
    expect(parseAnswersInput(config, answers)).toEqual({ ok: true, answers });
  });

  it.each([
    ['a tick for a text item', { 'pager-rotation': true }, 'is a text item: answer it in words (ticks and numbers are for checkbox and number items)'],
    ['words for a checkbox', { 'platform-not-compromised': 'yes' }, 'is a checkbox: tick it or not'],
    ['a choice that is not an option', { 'go-live-signal': 'Free for everyone' }, 'is not one of the options'],
    ['words for a link', { 'osd-e2e-cd-signal': 'see the wiki' }, 'is not an http(s) link'],
    ['a link that is not http(s)', { 'osd-e2e-cd-signal': 'ftp://example.com/run' }, 'is not an http(s) link'],
    ['text for a number', { 'error-budget': '5' }, 'is a number item: give a number'],
    ['a number above its maximum', { 'error-budget': 120 }, expect.stringContaining('100')],
    ['text longer than an answer may be', { 'pager-rotation': 'x'.repeat(4001) }, 'is at most 4000 characters'],
  ])('refuses %s, saying what the item takes', (_what, answers: Record<string, unknown>, message: unknown) => {
    const [key] = Object.keys(answers);
    expect(parseAnswersInput(config, answers)).toEqual({ ok: false, errors: [{ path: `answers.${key}`, message }] });
  });

  it('refuses an item the configuration does not have, naming it', () => {
    expect(parseAnswersInput(config, { typo: 'y', 'go-live-signal': 'Free overall' })).toEqual({ ok: false, errors: [{ path: 'answers.typo', message: 'no item has the key "typo"' }] });
  });
});
