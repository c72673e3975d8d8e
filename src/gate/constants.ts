/**
 * Constants of the gate configuration, without zod, so the Custom UI can import them without bundling the schemas.
 * config.ts re-exports every one of them.
 */

export const AREAS = ['service-support', 'pm-biz', 'spec-technical', 'engineering', 'review'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_NAMES: Readonly<Record<Area, string>> = {
  'service-support': 'Service & Support',
  'pm-biz': 'PM / Biz',
  'spec-technical': 'Spec & technical patterns',
  engineering: 'Engineering',
  review: 'Review',
};

/** The form of a key (team, stage, number, question): it names properties and JQL values, so short and plain. */
export const KEY_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const KEY_RULE = 'use 1 to 40 lowercase letters, digits or dashes, starting with a letter';

/** An override needs a justification of at least this many visible letters (src/gate/visible-text.ts counts them)... */
export const MIN_JUSTIFICATION_LETTERS = 20;
/** ...in at least this many words. */
export const MIN_JUSTIFICATION_WORDS = 3;

/** Gate model v2's written reasons (justifications, waivers) need at least this many visible characters (src/gate/v2/visible-text.ts). */
export const MIN_JUSTIFICATION_LENGTH = 20;

/** Hard limits keep every issue property and the summary within Jira's 32,768-character value limit. */
export const LIMITS = { teams: 200, stages: 20, numbers: 50, questions: 100, commentLength: 2000, answerLength: 4000 } as const;
