import Resolver from '@forge/resolver';
import { GetReviewsPayloadSchema, loadReviews } from '../app/reviews';
import { projectInvocation } from './invocation';
import { reviewsPorts } from './composition-root';
import { answer } from './resolver-result';

const resolver = new Resolver();

resolver.define('getReviews', ({ payload, context }) =>
  answer(GetReviewsPayloadSchema, payload, (input) => {
    const { caller, project } = projectInvocation(context);
    return loadReviews(reviewsPorts(), { projectId: project.id, projectKey: project.key, accountId: caller.accountId, from: input.from, to: input.to });
  }),
);

/** The reviews project page's resolver (manifest function `reviews-resolver`). */
export const reviewsResolver = resolver.getDefinitions();
