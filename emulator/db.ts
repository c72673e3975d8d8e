import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type { Database } from 'better-sqlite3';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran, so opening an existing
 * database applies only the new ones. Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE kvs (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE users (
    account_id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    api_token TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE user_groups (group_id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES user_groups(group_id),
    account_id TEXT NOT NULL REFERENCES users(account_id),
    PRIMARY KEY (group_id, account_id)
  );
  CREATE INDEX group_members_by_account ON group_members(account_id);
  CREATE TABLE statuses (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    category TEXT NOT NULL CHECK (category IN ('new', 'indeterminate', 'done'))
  );
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    lead_account_id TEXT REFERENCES users(account_id),
    initial_status_id INTEGER NOT NULL REFERENCES statuses(id),
    next_issue_number INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE project_admins (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    account_id TEXT NOT NULL REFERENCES users(account_id),
    PRIMARY KEY (project_id, account_id)
  );
  CREATE TABLE transitions (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    from_status_id INTEGER REFERENCES statuses(id),
    to_status_id INTEGER NOT NULL REFERENCES statuses(id),
    position INTEGER NOT NULL
  );
  CREATE TABLE transition_validators (
    transition_id INTEGER NOT NULL REFERENCES transitions(id),
    position INTEGER NOT NULL,
    module_key TEXT NOT NULL,
    configuration TEXT NOT NULL,
    PRIMARY KEY (transition_id, position)
  );
  CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    number INTEGER NOT NULL,
    issue_key TEXT NOT NULL UNIQUE COLLATE NOCASE,
    summary TEXT NOT NULL,
    description TEXT,
    issue_type_id TEXT NOT NULL,
    status_id INTEGER NOT NULL REFERENCES statuses(id),
    reporter_account_id TEXT,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    UNIQUE (project_id, number)
  );
  CREATE INDEX issues_by_status ON issues(status_id);
  CREATE INDEX issues_by_created ON issues(created_ms);
  CREATE INDEX issues_by_updated ON issues(updated_ms);
  CREATE INDEX issues_by_reporter ON issues(reporter_account_id);
  CREATE TABLE issue_properties (
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (issue_id, key)
  );
  CREATE TABLE project_properties (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (project_id, key)
  );
  CREATE TABLE issue_property_index (
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    property_key TEXT NOT NULL,
    path TEXT NOT NULL,
    num_value REAL,
    str_value TEXT COLLATE NOCASE
  );
  CREATE INDEX issue_property_index_by_issue ON issue_property_index(issue_id, property_key, path);
  CREATE INDEX issue_property_index_by_string ON issue_property_index(property_key, path, str_value);
  CREATE INDEX issue_property_index_by_number ON issue_property_index(property_key, path, num_value);
  `,
  // Notifications were created on first use before this migration, so an existing database may already have the table.
  `
  CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id INTEGER NOT NULL,
    issue_key TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    groups_json TEXT NOT NULL,
    recipients_json TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    sent_ms INTEGER NOT NULL
  );
  `,
  // The Forge platform's own state: the site clock, scheduled trigger runs, web trigger URLs. runtime_state (the demo
  // seed marker) was created on start before this migration.
  `
  CREATE TABLE IF NOT EXISTS runtime_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE site_clock (id INTEGER PRIMARY KEY CHECK (id = 1), offset_ms INTEGER NOT NULL);
  CREATE TABLE scheduled_trigger_runs (
    module_key TEXT PRIMARY KEY,
    interval TEXT NOT NULL,
    next_run_ms INTEGER NOT NULL,
    last_run_ms INTEGER,
    last_outcome TEXT,
    last_error TEXT
  );
  CREATE TABLE webtrigger_urls (
    id TEXT PRIMARY KEY,
    module_key TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    deleted_ms INTEGER
  );
  CREATE INDEX webtrigger_urls_by_module ON webtrigger_urls(module_key, deleted_ms);
  `,
  // Comments, remote links, project versions and fix versions, attachments, and the issue changelog.
  `
  CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    author_account_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    update_author_account_id TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
  );
  CREATE INDEX comments_by_issue ON comments(issue_id, created_ms, id);
  CREATE TABLE remote_links (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    global_id TEXT,
    link TEXT NOT NULL
  );
  CREATE INDEX remote_links_by_issue ON remote_links(issue_id, id);
  CREATE UNIQUE INDEX remote_links_by_global_id ON remote_links(issue_id, global_id) WHERE global_id IS NOT NULL;
  CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    release_date TEXT,
    released INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    UNIQUE (project_id, name)
  );
  CREATE TABLE issue_fix_versions (
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    version_id INTEGER NOT NULL REFERENCES versions(id),
    PRIMARY KEY (issue_id, version_id)
  );
  CREATE INDEX issue_fix_versions_by_version ON issue_fix_versions(version_id);
  CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    filename TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    author_account_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL
  );
  CREATE INDEX attachments_by_issue ON attachments(issue_id, id);
  CREATE TABLE changelog (
    id INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    author_account_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    items TEXT NOT NULL
  );
  CREATE INDEX changelog_by_issue ON changelog(issue_id, id);
  CREATE TABLE dashboard_gadgets (
    gadget_id TEXT PRIMARY KEY,
    module_key TEXT NOT NULL,
    configuration TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
  );
  `,
  // Issue links (issue 15: agreement on a linked ticket).
  `
  CREATE TABLE issue_links (
    id INTEGER PRIMARY KEY,
    type_id TEXT NOT NULL,
    inward_issue_id INTEGER NOT NULL REFERENCES issues(id),
    outward_issue_id INTEGER NOT NULL REFERENCES issues(id)
  );
  CREATE INDEX issue_links_by_inward ON issue_links(inward_issue_id, id);
  CREATE INDEX issue_links_by_outward ON issue_links(outward_issue_id, id);
  `,
  // Labels, components and custom field values of issues (issue 13: approvers and conditions from a ticket field).
  `
  CREATE TABLE issue_field_values (
    issue_id INTEGER NOT NULL REFERENCES issues(id),
    field_id TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (issue_id, field_id)
  );
  `,
];

/**
 * Opens (creating if needed) the site's SQLite database and brings its schema up to date.
 * Files use WAL with synchronous=NORMAL: a committed write is in the operating system's hands before the client hears of
 * it, so it survives SIGKILL of the site (what the crash tests do); only a power loss could undo it, which FULL's fsync
 * per commit would prevent at several times the cost of every write.
 *
 * @example
 * const db = openDatabase('.data/site.sqlite');
 * const memory = openDatabase(':memory:');
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (file !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.slice(applied);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const sql of pending) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
