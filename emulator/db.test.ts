import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, openDatabase } from './db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'site-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A database as the previous version left it: the first migration only, runtime_state made on start (with the demo
 * seed's marker), and the notifications table made on first use.
 */
function previousVersionDatabase(file: string, withNotification: boolean): void {
  const db = new Database(file);
  db.exec(MIGRATIONS[0] ?? '');
  db.pragma('user_version = 1');
  db.exec('CREATE TABLE IF NOT EXISTS runtime_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  db.prepare('INSERT INTO runtime_state (key, value) VALUES (?, ?)').run('demo-app-seeded', '2025-01-01T00:00:00.000Z');
  if (withNotification) {
    db.exec(`CREATE TABLE IF NOT EXISTS notifications (
      id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL, issue_key TEXT NOT NULL, subject TEXT NOT NULL,
      text_body TEXT NOT NULL, html_body TEXT, groups_json TEXT NOT NULL, recipients_json TEXT NOT NULL, sent_by TEXT NOT NULL, sent_ms INTEGER NOT NULL)`);
    db.prepare('INSERT INTO notifications (issue_id, issue_key, subject, text_body, groups_json, recipients_json, sent_by, sent_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      10000, 'SKU-1', 'SKU-1 waits on CEE', 'Please review.', '["golive-cee"]', '["acc-cee"]', 'app', 1_700_000_000_000,
    );
  }
  db.close();
}

test('opening a database of the previous version keeps the notifications it had', () => {
  const file = join(dir, 'site.sqlite');
  previousVersionDatabase(file, true);
  const db = openDatabase(file);
  expect(db.prepare('SELECT issue_key, subject, recipients_json FROM notifications').all()).toEqual([{ issue_key: 'SKU-1', subject: 'SKU-1 waits on CEE', recipients_json: '["acc-cee"]' }]);
  expect(db.prepare('SELECT value FROM runtime_state WHERE key = ?').pluck().get('demo-app-seeded')).toBe('2025-01-01T00:00:00.000Z');
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  db.close();
});

test('opening a database of the previous version that never notified creates the notifications table', () => {
  const file = join(dir, 'site.sqlite');
  previousVersionDatabase(file, false);
  const db = openDatabase(file);
  expect(db.prepare('SELECT COUNT(*) AS n FROM notifications').get()).toEqual({ n: 0 });
  db.close();
});
