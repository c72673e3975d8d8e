import type { ChangelogItem } from './context';
import { Statements } from './statements';

export interface ChangelogRow {
  readonly id: number;
  readonly issue_id: number;
  readonly author_account_id: string;
  readonly created_ms: number;
  readonly items: string;
}

/**
 * The issues' change history: one entry per edit or transition, with Jira's changelog items.
 * @example store.changelog.record(issueId, 'acc-pm', [{ field: 'Fix Version', ... }], now).id
 */
export class ChangelogStore extends Statements {
  record(issueId: number, authorAccountId: string, items: readonly ChangelogItem[], nowMs: number): ChangelogRow {
    return this.transaction(() => {
      const id = this.nextId('changelog');
      this.sql('INSERT INTO changelog (id, issue_id, author_account_id, created_ms, items) VALUES (?, ?, ?, ?, ?)').run(id, issueId, authorAccountId, nowMs, JSON.stringify(items));
      return { id, issue_id: issueId, author_account_id: authorAccountId, created_ms: nowMs, items: JSON.stringify(items) };
    });
  }

  /** A page of the issue's history, oldest first. */
  page(issueId: number, startAt: number, maxResults: number): { entries: ChangelogRow[]; total: number } {
    const entries = this.sql('SELECT * FROM changelog WHERE issue_id = ? ORDER BY id LIMIT ? OFFSET ?').all(issueId, maxResults, startAt) as ChangelogRow[];
    const total = this.sql('SELECT COUNT(*) FROM changelog WHERE issue_id = ?').pluck().get(issueId) as number;
    return { entries, total };
  }
}
