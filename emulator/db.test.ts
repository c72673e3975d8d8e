import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'site-db-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A database as the previous version left it: the first migration only, the notifications table made on first use. */
function previousVersionDatabase(file: string, withNotification: boolean): void {
  openDatabase(file).close();
  const db = new Database(file);
  db.exec('DROP TABLE notifications');
  db.pragma('user_version = 1');
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
  db.close();
});

test('opening a database of the previous version that never notified creates the notifications table', () => {
  const file = join(dir, 'site.sqlite');
  previousVersionDatabase(file, false);
  const db = openDatabase(file);
  expect(db.prepare('SELECT COUNT(*) AS n FROM notifications').get()).toEqual({ n: 0 });
  db.close();
});
