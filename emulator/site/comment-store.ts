import { Statements } from './statements';

export interface CommentRow {
  readonly id: number;
  readonly issue_id: number;
  readonly author_account_id: string;
  readonly body: string;
  readonly created_ms: number;
  readonly update_author_account_id: string;
  readonly updated_ms: number;
}

/**
 * Issue comments (body: ADF JSON text). Adding, editing or deleting one also moves the issue's `updated` time.
 * @example store.comments.add(issueId, 'acc-pm', JSON.stringify(doc), now)
 */
export class CommentStore extends Statements {
  add(issueId: number, authorAccountId: string, bodyJson: string, nowMs: number): CommentRow {
    return this.transaction(() => {
      const id = this.nextId('comments');
      this.sql('INSERT INTO comments (id, issue_id, author_account_id, body, created_ms, update_author_account_id, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id,
        issueId,
        authorAccountId,
        bodyJson,
        nowMs,
        authorAccountId,
        nowMs,
      );
      this.touchIssue(issueId, nowMs);
      return this.get(issueId, id) as CommentRow;
    });
  }

  get(issueId: number, id: number): CommentRow | undefined {
    return this.sql('SELECT * FROM comments WHERE issue_id = ? AND id = ?').get(issueId, id) as CommentRow | undefined;
  }

  /** A page of the issue's comments, oldest first unless `newestFirst`. */
  page(issueId: number, startAt: number, maxResults: number, newestFirst: boolean): { comments: CommentRow[]; total: number } {
    const order = newestFirst ? 'DESC' : 'ASC';
    const comments = this.sql(`SELECT * FROM comments WHERE issue_id = ? ORDER BY created_ms ${order}, id ${order} LIMIT ? OFFSET ?`).all(issueId, maxResults, startAt) as CommentRow[];
    return { comments, total: this.count(issueId) };
  }

  count(issueId: number): number {
    return this.sql('SELECT COUNT(*) FROM comments WHERE issue_id = ?').pluck().get(issueId) as number;
  }

  update(issueId: number, id: number, updateAuthorAccountId: string, bodyJson: string, nowMs: number): CommentRow | undefined {
    return this.transaction(() => {
      const changed = this.sql('UPDATE comments SET body = ?, update_author_account_id = ?, updated_ms = ? WHERE issue_id = ? AND id = ?').run(bodyJson, updateAuthorAccountId, nowMs, issueId, id);
      if (changed.changes === 0) return undefined;
      this.touchIssue(issueId, nowMs);
      return this.get(issueId, id);
    });
  }

  delete(issueId: number, id: number, nowMs: number): boolean {
    return this.transaction(() => {
      const deleted = this.sql('DELETE FROM comments WHERE issue_id = ? AND id = ?').run(issueId, id).changes === 1;
      if (deleted) this.touchIssue(issueId, nowMs);
      return deleted;
    });
  }

  private touchIssue(issueId: number, nowMs: number): void {
    this.sql('UPDATE issues SET updated_ms = MAX(updated_ms, ?) WHERE id = ?').run(nowMs, issueId);
  }
}
