import { router } from '@forge/bridge';
import { useSiteHref } from './site-href';

/** A link to a ticket that opens it in Jira (the page runs in a frame, so Jira navigates, not the frame). */
export function TicketLink({ issueKey }: { readonly issueKey: string }) {
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  const href = useSiteHref(path);
  return (
    <a
      href={href}
      onClick={(event) => {
        event.preventDefault();
        void router.navigate(path);
      }}
    >
      {issueKey}
    </a>
  );
}
