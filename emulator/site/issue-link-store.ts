import { Statements } from './statements';

/** Jira Cloud's default issue link types (Settings → Issues → Issue linking), with their ids on a new site. */
export const ISSUE_LINK_TYPES = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
] as const;
export type IssueLinkType = (typeof ISSUE_LINK_TYPES)[number];

export interface IssueLinkRow {
  readonly id: number;
  readonly type_id: string;
  readonly inward_issue_id: number;
  readonly outward_issue_id: number;
}

/**
 * Links between issues ("SKU-3 relates to SKU-9"). A link joins an inward and an outward issue; each issue lists it
 * with the other end, as Jira's `issuelinks` field does.
 * @example store.issueLinks.add('10003', 10001, 10002)
 */
export class IssueLinkStore extends Statements {
  add(typeId: string, inwardIssueId: number, outwardIssueId: number): IssueLinkRow {
    const id = this.nextId('issue_links');
    this.sql('INSERT INTO issue_links (id, type_id, inward_issue_id, outward_issue_id) VALUES (?, ?, ?, ?)').run(id, typeId, inwardIssueId, outwardIssueId);
    return { id, type_id: typeId, inward_issue_id: inwardIssueId, outward_issue_id: outwardIssueId };
  }

  get(id: number): IssueLinkRow | undefined {
    return this.sql('SELECT * FROM issue_links WHERE id = ?').get(id) as IssueLinkRow | undefined;
  }

  /** The links of an issue, either end, oldest first. */
  of(issueId: number): IssueLinkRow[] {
    return this.sql('SELECT * FROM issue_links WHERE inward_issue_id = ? OR outward_issue_id = ? ORDER BY id').all(issueId, issueId) as IssueLinkRow[];
  }

  delete(id: number): boolean {
    return this.sql('DELETE FROM issue_links WHERE id = ?').run(id).changes === 1;
  }
}
