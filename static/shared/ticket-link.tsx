import { router, view } from '@forge/bridge';
import { useSiteHref } from './site-href';

const loadContext = () => view.getContext();

/** A link to a ticket that opens it in Jira (the page runs in a frame, so Jira navigates, not the frame). */
export function TicketLink({ issueKey }: { readonly issueKey: string }) {
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  const href = useSiteHref(path, loadContext);
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
