import { Statements } from './statements';

/**
 * The values of an issue's labels, components and custom fields, each as the JSON Jira renders for it (an option
 * `{id, value}`, a group `{name, groupId}`, a component `{id, name}`, a list of those, a label list, a number).
 * @example store.fieldValues.set(issueId, 'customfield_10070', { id: '10100', value: 'SIG Node' })
 */
export class FieldValueStore extends Statements {
  /** Every stored value of the issue, by field id. */
  of(issueId: number): Map<string, unknown> {
    const rows = this.sql('SELECT field_id, value FROM issue_field_values WHERE issue_id = ?').all(issueId) as { field_id: string; value: string }[];
    return new Map(rows.map((row) => [row.field_id, JSON.parse(row.value) as unknown]));
  }

  /** Sets a field's value; null (or an empty list) clears it, as Jira keeps no value for an empty field. */
  set(issueId: number, fieldId: string, value: unknown): void {
    if (value === null || (Array.isArray(value) && value.length === 0)) {
      this.sql('DELETE FROM issue_field_values WHERE issue_id = ? AND field_id = ?').run(issueId, fieldId);
      return;
    }
    this.sql('INSERT INTO issue_field_values (issue_id, field_id, value) VALUES (?, ?, ?) ON CONFLICT (issue_id, field_id) DO UPDATE SET value = excluded.value').run(issueId, fieldId, JSON.stringify(value));
  }
}
