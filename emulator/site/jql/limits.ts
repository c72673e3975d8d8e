/**
 * How much JQL one search may ask for. Jira documents no limits here (it refuses what its parser or search cannot
 * handle with 400 and its error body); these are far above any real query and far below what makes the site slow
 * or SQLite give up (expression depth 1000, 32,766 parameters, 50,000-byte LIKE patterns), so abuse answers 400.
 */
export const JQL_LIMITS = {
  /** Characters in the whole query. */
  length: 100_000,
  /** Nested parentheses and NOTs. */
  depth: 100,
  /** Clauses (`field operator operand`) in the query. */
  clauses: 500,
  /** Values in all IN lists together. */
  listValues: 1_000,
  /** Characters in one text-search (`~`, `!~`) term. */
  textTermLength: 1_000,
} as const;
