import type { FullContext } from '@forge/bridge';
import type { DecisionSource } from '../../../src/gate/decision-source';
import { siteHref, useFrameContext } from '../../shared/site-href';

// The Forge bridge is loaded when first needed: the stage card that mounts this link also renders outside Jira (the
// panel-words test renders it on the server), where @forge/bridge cannot load.
/** Opens a page of this Jira site (a ticket, a comment), through the bridge. */
export const navigate = (path: string): void => void import('@forge/bridge').then(({ router }) => router.navigate(path));
/** Opens an address outside Jira in a new tab, through the bridge (Forge refuses plain navigation out of the frame). */
export const openExternal = (url: string): void => void import('@forge/bridge').then(({ router }) => router.open(url));
/** The panel's Forge context, through the bridge loaded when first needed. */
export const loadContext = (): Promise<FullContext> => import('../../shared/bridge').then(({ getContext }) => getContext());


/**
 * Where a decision was given when not in the panel: "in a comment", linking to that comment on the ticket (Jira's
 * `focusedCommentId`), or on the merge or pull request, with the commit it was given for. Nothing for the panel's own.
 */
export function DecisionSourceLink({ source }: { readonly source?: DecisionSource | undefined }) {
  // The panel's issue, from the Forge context (the stage card is given only the verdict).
  const context = useFrameContext(loadContext);
  const key = (context?.extension as { issue?: { key?: string } } | undefined)?.issue?.key;
  if (source === undefined || source.kind === 'panel') return null;
  if (source.kind !== 'comment') {
    const where = source.kind === 'gitlab' ? 'on the GitLab merge request' : 'on the GitHub pull request';
    return (
      <span className="subtle decision-source">
        {' '}
        <a
          href={source.url}
          onClick={(event) => {
            event.preventDefault();
            openExternal(source.url);
          }}
        >
          {where}
        </a>{' '}
        (commit {source.headSha.slice(0, 7)})
      </span>
    );
  }
  const path = key === undefined ? undefined : `/browse/${encodeURIComponent(key)}?focusedCommentId=${encodeURIComponent(source.commentId)}`;
  return (
    <span className="subtle decision-source">
      {' '}
      {path === undefined ? (
        'in a comment'
      ) : (
        <a
          href={siteHref(context?.siteUrl, path)}
          onClick={(event) => {
            event.preventDefault();
            navigate(path);
          }}
        >
          in a comment
        </a>
      )}
    </span>
  );
}
