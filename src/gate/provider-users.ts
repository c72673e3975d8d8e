import { z } from 'zod/mini';
import type { Provider, ProviderUser } from './provider-refs';
import { PositiveIdSchema, PROVIDER_NAMES, PROVIDERS } from './provider-refs';
import { lazySchema } from './lazy-schema';

/**
 * Who a GitLab or GitHub user is in Jira, by the project's mapping (configured on the settings page). The numeric id is
 * the reliable key: logins can be renamed, and a freed login can be taken by someone else.
 */

export const UserMappingSchema = lazySchema(() => z.strictObject({
  provider: z.enum(PROVIDERS),
  /** The login (GitHub) or username (GitLab), for people to read and as the key when no id is given. */
  login: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255)),
  /** The provider's numeric user id: when given, only this id matches. */
  id: z.optional(PositiveIdSchema),
  accountId: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(128)),
}));
export type UserMapping = z.infer<typeof UserMappingSchema>;

const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const describe = (provider: Provider, login: string): string => `${PROVIDER_NAMES[provider]} user ${login}`;

/** The mapping as a list, with each provider user mapped at most once. */
export const UserMappingsSchema = lazySchema(() => z.array(UserMappingSchema).check(z.maxLength(2000), z.superRefine((mappings, ctx) => {
  mappings.forEach((mapping, index) => {
    const earlier = mappings.slice(0, index).find((other) => other.provider === mapping.provider && (mapping.id !== undefined && other.id !== undefined ? other.id === mapping.id : sameLogin(other.login, mapping.login)));
    if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [index, 'login'], message: `${describe(mapping.provider, mapping.login)} is already mapped to ${earlier.accountId}` });
  });
})));

export type AccountMatch = { readonly ok: true; readonly accountId: string } | { readonly ok: false; readonly reason: string };

/**
 * The Jira account of a provider user: an entry with the user's id wins; an entry without an id matches the login in
 * any case; an entry whose id differs never matches, even when the login is the same.
 *
 * @example
 * jiraAccountOf([{ provider: 'github', login: 'dana-dev', id: 5801, accountId: 'acc-dev' }], { provider: 'github', id: 5801, login: 'dana-renamed' })
 * // { ok: true, accountId: 'acc-dev' }
 */
export function jiraAccountOf(mappings: readonly UserMapping[], user: ProviderUser): AccountMatch {
  const ofProvider = mappings.filter((mapping) => mapping.provider === user.provider);
  const byId = ofProvider.find((mapping) => mapping.id === user.id);
  if (byId !== undefined) return { ok: true, accountId: byId.accountId };
  const byLogin = ofProvider.find((mapping) => mapping.id === undefined && sameLogin(mapping.login, user.login));
  if (byLogin !== undefined) return { ok: true, accountId: byLogin.accountId };
  const renamed = ofProvider.find((mapping) => sameLogin(mapping.login, user.login));
  if (renamed !== undefined) {
    return { ok: false, reason: `${describe(user.provider, user.login)} has id ${user.id}, not the id ${renamed.id ?? ''} mapped to ${renamed.accountId}; check the user mapping` };
  }
  return { ok: false, reason: `${describe(user.provider, user.login)} is not mapped to a Jira account; add them to the user mapping in the settings` };
}
