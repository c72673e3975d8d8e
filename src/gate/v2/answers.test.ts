import type { GateConfigV2 } from './config';
import { ItemSchema } from './config';
import type { AnswerCheck } from './answers';
import { checkAnswer, checkAnswersV2 } from './answers';
import type { AnswerValue } from './records';
import { templateConfigV2 } from './templates';

const item = (kind: string, extra: object = {}) => ItemSchema.parse({ key: 'x', section: 'S', text: 'An item', kind, ...extra });

describe('checkAnswer', () => {
  it.each<[string, ReturnType<typeof item>, AnswerValue | undefined, AnswerCheck]>([
    ['text with words', item('text'), 'We roll back with the feature gate', { state: 'answered' }],
    ['blank text', item('text'), ' \u200b ', { state: 'unanswered' }],
    ['a tick where text is expected', item('text'), true, { state: 'invalid', problem: 'must be text' }],
    ['a ticked box', item('checkbox'), true, { state: 'answered' }],
    ['an unticked box', item('checkbox'), false, { state: 'unanswered' }],
    ['text in a box', item('checkbox'), 'yes', { state: 'invalid', problem: 'must be ticked or not' }],
    ['an offered option', item('choice', { options: ['Free with OSD', 'Free overall'] }), 'Free overall', { state: 'answered' }],
    ['an option not offered', item('choice', { options: ['Free with OSD', 'Free overall'] }), 'Free for all', { state: 'invalid', problem: 'is not one of the options' }],
    ['a number in range', item('number', { min: 1, max: 10, integer: true }), 3, { state: 'answered' }],
    ['a number out of range', item('number', { min: 1, max: 10, integer: true }), 30, { state: 'invalid', problem: 'must be at most 10' }],
    ['a fraction where a whole number is needed', item('number', { integer: true }), 2.5, { state: 'invalid', problem: 'must be a whole number' }],
    ['text where a number is needed', item('number'), '3', { state: 'invalid', problem: 'must be a number' }],
    ['an https link', item('link'), 'https://github.com/kubernetes/enhancements/issues/4242', { state: 'answered' }],
    ['an http link', item('link'), 'http://wiki.example.com/runbook', { state: 'answered' }],
    ['a javascript: link', item('link'), 'javascript:alert(1)', { state: 'invalid', problem: 'is not an http(s) link' }],
    ['words where a link is needed', item('link'), 'TBD', { state: 'invalid', problem: 'is not an http(s) link' }],
    ['no answer', item('link'), undefined, { state: 'unanswered' }],
  ])('judges %s', (_name, it, value, expected) => {
    expect(checkAnswer(it, value)).toEqual(expected);
  });
});

describe('checkAnswersV2', () => {
  it('names every answer that cannot be recorded, and lets an empty answer clear an item', () => {
    const config = templateConfigV2('managed-addon') as GateConfigV2;
    expect(checkAnswersV2(config, { 'go-live-signal': 'Free for everyone', 'osd-e2e-cd-signal': 'green', 'demonstrated-slis': false, 'release-request': '', typo: 'y' })).toEqual([
      { path: 'answers.go-live-signal', message: 'is not one of the options' },
      { path: 'answers.osd-e2e-cd-signal', message: 'is not an http(s) link' },
      { path: 'answers.typo', message: 'no item has the key "typo"' },
    ]);
    expect(checkAnswersV2(config, { 'release-request': 'x'.repeat(4001) })).toEqual([{ path: 'answers.release-request', message: 'is at most 4000 characters' }]);
  });
});
