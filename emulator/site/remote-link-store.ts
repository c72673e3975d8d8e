import { Statements } from './statements';

export interface RemoteLinkRow {
  readonly id: number;
  readonly issue_id: number;
  readonly global_id: string | null;
  /** JSON of `{ application?, object, relationship? }`. */
  readonly link: string;
}

/**
 * Remote issue links. A link with a globalId is unique per issue: saving it again updates it, as Jira does.
 * @example store.remoteLinks.save(issueId, 'gitlab:mr:42', JSON.stringify({ object: { url, title } }))
 */
export class RemoteLinkStore extends Statements {
  /** Creates the link, or updates the one with the same globalId; `created` tells which. */
  save(issueId: number, globalId: string | null, linkJson: string): { row: RemoteLinkRow; created: boolean } {
    return this.transaction(() => {
      const existing = globalId === null ? undefined : this.byGlobalId(issueId, globalId);
      if (existing) {
        this.sql('UPDATE remote_links SET link = ? WHERE id = ?').run(linkJson, existing.id);
        return { row: this.get(issueId, existing.id) as RemoteLinkRow, created: false };
      }
      const id = this.nextId('remote_links');
      this.sql('INSERT INTO remote_links (id, issue_id, global_id, link) VALUES (?, ?, ?, ?)').run(id, issueId, globalId, linkJson);
      return { row: this.get(issueId, id) as RemoteLinkRow, created: true };
    });
  }

  /** Replaces a link by id; false when there is none. A globalId already used by another link of the issue throws. */
  replace(issueId: number, id: number, globalId: string | null, linkJson: string): boolean {
    return this.sql('UPDATE remote_links SET global_id = ?, link = ? WHERE issue_id = ? AND id = ?').run(globalId, linkJson, issueId, id).changes === 1;
  }

  get(issueId: number, id: number): RemoteLinkRow | undefined {
    return this.sql('SELECT * FROM remote_links WHERE issue_id = ? AND id = ?').get(issueId, id) as RemoteLinkRow | undefined;
  }

  byGlobalId(issueId: number, globalId: string): RemoteLinkRow | undefined {
    return this.sql('SELECT * FROM remote_links WHERE issue_id = ? AND global_id = ?').get(issueId, globalId) as RemoteLinkRow | undefined;
  }

  list(issueId: number, limit: number): RemoteLinkRow[] {
    return this.sql('SELECT * FROM remote_links WHERE issue_id = ? ORDER BY id LIMIT ?').all(issueId, limit) as RemoteLinkRow[];
  }

  count(issueId: number): number {
    return this.sql('SELECT COUNT(*) FROM remote_links WHERE issue_id = ?').pluck().get(issueId) as number;
  }

  delete(issueId: number, id: number): boolean {
    return this.sql('DELETE FROM remote_links WHERE issue_id = ? AND id = ?').run(issueId, id).changes === 1;
  }
}
