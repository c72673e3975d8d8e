import { Statements } from './statements';

export interface VersionRow {
  readonly id: number;
  readonly project_id: number;
  readonly name: string;
  readonly description: string;
  /** `YYYY-MM-DD`, as Jira keeps version dates. */
  readonly start_date: string | null;
  readonly release_date: string | null;
  readonly released: number;
  readonly archived: number;
}

export interface VersionFields {
  readonly name: string;
  readonly description: string;
  readonly startDate: string | null;
  readonly releaseDate: string | null;
  readonly released: boolean;
  readonly archived: boolean;
}

/** A version's editable columns, in the order the statements below list them. */
const editable = (fields: VersionFields): (string | number | null)[] => [
  fields.name,
  fields.description,
  fields.startDate,
  fields.releaseDate,
  fields.released ? 1 : 0,
  fields.archived ? 1 : 0,
];

/**
 * Project versions (releases) and the issues' fix versions. Names are unique per project, ignoring case.
 * @example store.versions.create(projectId, { name: '4.18', releaseDate: '2030-03-01', ... })
 */
export class VersionStore extends Statements {
  create(projectId: number, fields: VersionFields): VersionRow {
    return this.transaction(() => {
      const id = this.nextId('versions');
      const position = this.sql('SELECT COALESCE(MAX(position), 0) + 1 FROM versions WHERE project_id = ?').pluck().get(projectId) as number;
      this.sql('INSERT INTO versions (id, project_id, name, description, start_date, release_date, released, archived, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        id,
        projectId,
        ...editable(fields),
        position,
      );
      return this.get(id) as VersionRow;
    });
  }

  update(id: number, fields: VersionFields): VersionRow {
    this.sql('UPDATE versions SET name = ?, description = ?, start_date = ?, release_date = ?, released = ?, archived = ? WHERE id = ?').run(...editable(fields), id);
    return this.get(id) as VersionRow;
  }

  get(id: number): VersionRow | undefined {
    return this.sql('SELECT * FROM versions WHERE id = ?').get(id) as VersionRow | undefined;
  }

  byName(projectId: number, name: string): VersionRow | undefined {
    return this.sql('SELECT * FROM versions WHERE project_id = ? AND name = ?').get(projectId, name) as VersionRow | undefined;
  }

  /** The project's versions in their order (Jira's sequence). */
  ofProject(projectId: number): VersionRow[] {
    return this.sql('SELECT * FROM versions WHERE project_id = ? ORDER BY position, id').all(projectId) as VersionRow[];
  }

  /** Each issue's fix versions, by issue id (one query for many issues). */
  fixVersionsOf(issueIds: readonly number[]): Map<number, VersionRow[]> {
    const byIssue = new Map<number, VersionRow[]>();
    if (issueIds.length === 0) return byIssue;
    const rows = this.sql(
      'SELECT f.issue_id, v.* FROM issue_fix_versions f JOIN versions v ON v.id = f.version_id WHERE f.issue_id IN (SELECT value FROM json_each(?)) ORDER BY v.position, v.id',
    ).all(JSON.stringify(issueIds)) as (VersionRow & { issue_id: number })[];
    for (const { issue_id: issueId, ...version } of rows) byIssue.set(issueId, [...(byIssue.get(issueId) ?? []), version]);
    return byIssue;
  }

  setFixVersions(issueId: number, versionIds: readonly number[]): void {
    this.transaction(() => {
      this.sql('DELETE FROM issue_fix_versions WHERE issue_id = ?').run(issueId);
      for (const versionId of new Set(versionIds)) this.sql('INSERT INTO issue_fix_versions (issue_id, version_id) VALUES (?, ?)').run(issueId, versionId);
    });
  }

  /** How many issues have the version as a fix version, by status category. */
  issueCounts(versionId: number): { new: number; indeterminate: number; done: number } {
    const rows = this.sql(
      'SELECT s.category AS category, COUNT(*) AS n FROM issue_fix_versions f JOIN issues i ON i.id = f.issue_id JOIN statuses s ON s.id = i.status_id WHERE f.version_id = ? GROUP BY s.category',
    ).all(versionId) as { category: 'new' | 'indeterminate' | 'done'; n: number }[];
    const counts = { new: 0, indeterminate: 0, done: 0 };
    for (const row of rows) counts[row.category] = row.n;
    return counts;
  }
}
