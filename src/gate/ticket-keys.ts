/**
 * Which Jira ticket a merge request is for, read from its title and source branch the way Jira's development tools do:
 * an issue key in capitals (`SKU-3`), at a word boundary, in the title or the branch (`feature/SKU-3-ga`).
 */

/** Jira project keys: a capital letter, then capitals, digits or underscores. */
const ISSUE_KEY = /(?<![A-Za-z0-9])([A-Z][A-Z0-9_]{1,9})-([1-9][0-9]{0,8})(?![0-9])/g;

export interface ChangeText {
  readonly title: string;
  readonly sourceBranch: string;
}

/**
 * Issue keys named by a merge request, title first, each once, keeping only the projects given (when given): the
 * caller takes the first that is a gated ticket.
 *
 * @example
 * issueKeysOf({ title: 'SKU-3: enable GA', sourceBranch: 'feature/SKU-3-ga' }) // ['SKU-3']
 * issueKeysOf({ title: 'Bump UTF-8 handling', sourceBranch: 'OPS-12-fix' }, ['SKU']) // []
 */
export function issueKeysOf(change: ChangeText, projectKeys?: readonly string[]): string[] {
  const keys: string[] = [];
  for (const text of [change.title, change.sourceBranch]) {
    for (const match of text.matchAll(ISSUE_KEY)) {
      const [key, project] = match;
      if (projectKeys !== undefined && !projectKeys.includes(project ?? '')) continue;
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}
