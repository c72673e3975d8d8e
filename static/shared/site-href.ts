import { useEffect, useState } from 'react';
import type { FullContext } from '@forge/bridge';

/** The frame's Forge context, asked once. */
let frameContext: Promise<FullContext | undefined> | undefined;

/**
 * The frame's Forge context once `load` (the bridge's `view.getContext`, or a lazy import of it where the bridge must
 * load only when first needed) has answered it; undefined until then, and where there is no bridge.
 * @example const context = useFrameContext(() => view.getContext());
 */
export function useFrameContext(load: () => Promise<FullContext>): FullContext | undefined {
  const [context, setContext] = useState<FullContext>();
  useEffect(() => {
    let current = true;
    frameContext ??= load().then(
      (found) => found,
      () => undefined,
    );
    void frameContext.then((found) => {
      if (current) setContext(found);
    });
    return () => {
      current = false;
    };
  }, [load]);
  return context;
}

/**
 * `path` on the Jira site at `siteUrl` (the context's), or `path` itself while the site is not known.
 * @example siteHref('https://acme.atlassian.net', '/browse/SKU-1') // 'https://acme.atlassian.net/browse/SKU-1'
 */
export function siteHref(siteUrl: string | undefined, path: string): string {
  return siteUrl === undefined ? path : new URL(path, siteUrl).href;
}

/**
 * A page of the Jira site (`/browse/SKU-1`) as a link's address. Forge serves the app's frame from its CDN, another site
 * than Jira, so a relative address would name a page of the CDN that does not exist (a middle click, "Open link in
 * new tab", a copied link): it is resolved against the context's `siteUrl` once known (a plain click goes through the
 * bridge's router either way).
 * @example <a href={useSiteHref('/browse/SKU-1', () => view.getContext())}>SKU-1</a> // https://acme.atlassian.net/browse/SKU-1
 */
export function useSiteHref(path: string, load: () => Promise<FullContext>): string {
  return siteHref(useFrameContext(load)?.siteUrl, path);
}
