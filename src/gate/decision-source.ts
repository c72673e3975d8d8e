import { z } from 'zod/mini';
import { ShaSchema } from './provider-refs';
import { lazySchema } from './lazy-schema';

/**
 * Where a v2 decision came from (docs/design-v2.md, `source` of `golive-gate.decision.<stage>.<team>.<accountId>`):
 * the panel, a Jira comment with a command, or an approval on a GitLab merge request or GitHub pull request, recorded
 * with the head commit it was given for so a new head makes it stale. Records without `source` came from the panel.
 */
export const DecisionSourceSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('panel') }),
  z.strictObject({
    kind: z.literal('comment'),
    /** Jira comment ids are numeric strings. */
    commentId: z.string().check(z.regex(/^[0-9]{1,20}$/, 'is not a Jira comment id')),
  }),
  z.strictObject({
    kind: z.enum(['gitlab', 'github']),
    /** The merge or pull request's web address, for the panel's link. */
    url: z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
    headSha: ShaSchema,
  }),
]));
export type DecisionSource = z.infer<typeof DecisionSourceSchema>;

/**
 * Whether a decision from a merge request still stands for its current head commit; decisions from the panel or a
 * comment do not depend on commits.
 *
 * @example
 * isStaleForHead({ kind: 'github', url, headSha: 'a1…' }, '9f…') // true
 * isStaleForHead({ kind: 'comment', commentId: '10010' }, '9f…') // false
 */
export function isStaleForHead(source: DecisionSource | undefined, currentHeadSha: string): boolean {
  if (source === undefined || source.kind === 'panel' || source.kind === 'comment') return false;
  return source.headSha !== currentHeadSha.toLowerCase();
}

/**
 * How a decision from a merge or pull request names what it was given on, for reasons and replies; undefined for
 * decisions from the panel or a comment.
 *
 * @example
 * givenOn({ kind: 'gitlab', url, headSha: 'b5e3c1a9…' }) // 'commit b5e3c1a of the merge request'
 * givenOn({ kind: 'github', url, headSha: '9f3c…' }) // 'commit 9f3c… of the pull request'
 */
export function givenOn(source: DecisionSource | undefined): string | undefined {
  if (source === undefined || source.kind === 'panel' || source.kind === 'comment') return undefined;
  return `commit ${source.headSha.slice(0, 7)} of the ${source.kind === 'gitlab' ? 'merge request' : 'pull request'}`;
}
