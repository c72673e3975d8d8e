import Resolver from '@forge/resolver';
import { GetReviewsPayloadSchema, loadReviews } from '../app/reviews';
import { JiraIssueSearch } from '../forge/issue-search';
import { JiraClient } from '../forge/jira-client';
import { projectInvocation } from './invocation';
import { userPorts } from './ports';
import { answer } from './resolver-result';

const resolver = new Resolver();

resolver.define('getReviews', ({ payload, context }) =>
  answer(GetReviewsPayloadSchema, payload, (input) => {
    const { caller, project } = projectInvocation(context);
    const ports = { ...userPorts(), search: new JiraIssueSearch(JiraClient.asUser()) };
    return loadReviews(ports, { projectId: project.id, projectKey: project.key, accountId: caller.accountId, from: input.from, to: input.to });
  }),
);

/** The reviews project page's resolver (manifest function `reviews-resolver`). */
export const reviewsResolver = resolver.getDefinitions();
