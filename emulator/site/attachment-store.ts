import { Statements } from './statements';

export interface AttachmentRow {
  readonly id: number;
  readonly issue_id: number;
  readonly filename: string;
  readonly mime_type: string;
  readonly size: number;
  readonly author_account_id: string;
  readonly created_ms: number;
}

const COLUMNS = 'id, issue_id, filename, mime_type, size, author_account_id, created_ms';

/**
 * Issue attachments, their content in SQLite (so a restart keeps it). Adding one moves the issue's `updated` time.
 * @example store.attachments.add(issueId, { filename: 'playbook.md', mimeType: 'text/markdown', content }, 'acc-pm', now)
 */
export class AttachmentStore extends Statements {
  add(issueId: number, file: { filename: string; mimeType: string; content: Buffer }, authorAccountId: string, nowMs: number): AttachmentRow {
    return this.transaction(() => {
      const id = this.nextId('attachments');
      this.sql('INSERT INTO attachments (id, issue_id, filename, mime_type, size, content, author_account_id, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        id,
        issueId,
        file.filename,
        file.mimeType,
        file.content.length,
        file.content,
        authorAccountId,
        nowMs,
      );
      this.sql('UPDATE issues SET updated_ms = MAX(updated_ms, ?) WHERE id = ?').run(nowMs, issueId);
      return this.get(id) as AttachmentRow;
    });
  }

  get(id: number): AttachmentRow | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM attachments WHERE id = ?`).get(id) as AttachmentRow | undefined;
  }

  content(id: number): Buffer | undefined {
    return this.sql('SELECT content FROM attachments WHERE id = ?').pluck().get(id) as Buffer | undefined;
  }

  /** Each issue's attachments, oldest first, by issue id (one query for many issues). */
  ofIssues(issueIds: readonly number[]): Map<number, AttachmentRow[]> {
    const byIssue = new Map<number, AttachmentRow[]>();
    if (issueIds.length === 0) return byIssue;
    const rows = this.sql(`SELECT ${COLUMNS} FROM attachments WHERE issue_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(issueIds)) as AttachmentRow[];
    for (const row of rows) byIssue.set(row.issue_id, [...(byIssue.get(row.issue_id) ?? []), row]);
    return byIssue;
  }

  delete(id: number): boolean {
    return this.sql('DELETE FROM attachments WHERE id = ?').run(id).changes === 1;
  }
}
