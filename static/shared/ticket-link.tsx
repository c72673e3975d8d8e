import { router } from '@forge/bridge';

/** A link to a ticket that opens it in Jira (the page runs in a frame, so Jira navigates, not the frame). */
export function TicketLink({ issueKey }: { readonly issueKey: string }) {
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  return (
    <a
      href={path}
      onClick={(event) => {
        event.preventDefault();
        void router.navigate(path);
      }}
    >
      {issueKey}
    </a>
  );
}
