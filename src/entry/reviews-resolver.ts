import { loadReviews } from '../app/load-reviews';
import type { Caller, ReviewsPorts } from '../ports';
import { reviewsPorts } from './composition-root';
import { defineResolver } from './define-resolver';
import type { ResolverDefinitions } from './define-resolver';
import { projectInvocation } from './invocation';

/**
 * The reviews page's resolver over the ports of each caller: every function of CONTRACT.reviews, in the project the
 * Forge context names.
 *
 * @example
 * const definitions = reviewsResolverOver(() => ports);
 */
export function reviewsResolverOver(portsFor: (caller: Caller) => ReviewsPorts): ResolverDefinitions {
  return defineResolver('reviews', projectInvocation, {
    getReviews: (input, { caller, project }) =>
      loadReviews(portsFor(caller), { projectId: project.id, projectKey: project.key, accountId: caller.accountId, from: input.from, to: input.to }),
  });
}

/** The reviews project page's resolver (manifest function `reviews-resolver`). */
export const reviewsResolver = reviewsResolverOver(reviewsPorts);
