import type { Statement } from 'better-sqlite3';
import type { Database } from '../db';

/**
 * Prepared statements compiled once per SQL text, for the site's stores.
 * @example class CommentStore extends Statements { count(id: number) { return this.sql('SELECT COUNT(*) ...').pluck().get(id); } }
 */
export class Statements {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  /** A prepared statement, compiled once per SQL text. */
  sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Runs `work` in one SQLite transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** The id a new row of `table` gets: Jira's ids start at 10000. */
  protected nextId(table: 'comments' | 'remote_links' | 'issue_links' | 'versions' | 'attachments' | 'changelog' | 'issues'): number {
    return this.sql(`SELECT COALESCE(MAX(id), 9999) + 1 FROM ${table}`).pluck().get() as number;
  }
}
