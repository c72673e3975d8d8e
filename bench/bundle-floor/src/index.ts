// The floor under the deploy bundle: a handler that uses every package the backend imports, the way it imports them,
// and nothing of the app. `npm run bench` bundles it with @forge/bundler beside the app, so the report can say how much
// of the bundle is the packages the design card names (zod, @forge/*, date-fns) and how much is the app's own code.
import { createHash } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { asApp, asUser, fetch as forgeFetch, NeedsAuthenticationError, route, webTrigger } from '@forge/api';
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import Resolver from '@forge/resolver';
import { addHours, formatDistanceStrict, isAfter, subDays } from 'date-fns';
import { en } from 'zod/locales';
import { z } from 'zod/mini';

z.config(en());

// One schema of each kind the backend's schemas use.
const Payload = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(255), z.regex(/^[A-Z]+-\d+$/)),
  count: z.optional(z.int().check(z.minimum(0))),
  kind: z.enum(['approve', 'decline']),
  at: z.iso.datetime(),
  link: z.url(),
  list: z.array(z.union([z.string(), z.literal(1), z.boolean()])),
  map: z.record(z.string(), z.nullable(z.number())),
  length: z.pipe(z.string(), z.transform((s) => s.length)),
  choice: z.discriminatedUnion('k', [z.object({ k: z.literal('x') }), z.strictObject({ k: z.literal('y'), v: z.unknown() })]),
  tuple: z.tuple([z.string(), z.number()]),
  lazy: z.lazy(() => z.string()),
});

const calls = new AsyncLocalStorage<string>();
const resolver = new Resolver();
resolver.define('floor', async ({ payload }) => {
  const input = Payload.parse(payload);
  const issue = await asUser().requestJira(route`/rest/api/3/issue/${input.key}`);
  const app = await asApp().requestJira(route`/rest/api/3/myself`);
  const outside = await forgeFetch('https://gitlab.example.com/api/v4/version');
  const url = await webTrigger.getUrl('usage');
  const found = await kvs.query().where('key', WhereConditions.beginsWith('gate')).limit(1).getMany();
  const filter = new Filter<{ at: string }>().and('at', FilterConditions.exists());
  const since = subDays(new Date(), 1);
  await kvs.set(createHash('sha256').update(url).digest('hex'), {
    when: formatDistanceStrict(addHours(since, 1), new Date()),
    late: isAfter(new Date(), since),
    found: found.results.length,
    filter: filter !== undefined,
  });
  return calls.run(input.key, () => ({ issue: issue.status, app: app.status, outside: outside.status }));
});

export const floor = resolver.getDefinitions();
export const errors = [NeedsAuthenticationError, ForgeKvsAPIError];
