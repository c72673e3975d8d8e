/**
 * The process's own fetch, taken before the runtime puts the app's egress control in its place: the platform's
 * requests (to the site's REST, KVS, web trigger URLs) are never subject to the app's egress permissions.
 */
export const platformFetch: typeof fetch = globalThis.fetch.bind(globalThis);
