import { router } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { DecisionSource } from '../../../src/gate/decision-source';
import { getContext } from '../../shared/bridge';

/** The panel's issue key, read once from the Forge context (the stage card is given only the verdict). */
let issueKey: Promise<string | undefined> | undefined;
function useIssueKey(): string | undefined {
  const [key, setKey] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    issueKey ??= getContext().then(
      (context) => (context.extension as { issue?: { key?: string } }).issue?.key,
      () => undefined,
    );
    void issueKey.then((found) => {
      if (current) setKey(found);
    });
    return () => {
      current = false;
    };
  }, []);
  return key;
}

/**
 * Where a decision was given when not in the panel: "in a comment", linking to that comment on the ticket (Jira's
 * `focusedCommentId`), so anyone can read what the approver wrote with it. Nothing for decisions made in the panel.
 */
export function DecisionSourceLink({ source }: { readonly source?: DecisionSource | undefined }) {
  const key = useIssueKey();
  if (source?.kind !== 'comment') return null;
  const path = key === undefined ? undefined : `/browse/${encodeURIComponent(key)}?focusedCommentId=${encodeURIComponent(source.commentId)}`;
  return (
    <span className="subtle decision-source">
      {' '}
      {path === undefined ? (
        'in a comment'
      ) : (
        <a
          href={path}
          onClick={(event) => {
            event.preventDefault();
            void router.navigate(path);
          }}
        >
          in a comment
        </a>
      )}
    </span>
  );
}
