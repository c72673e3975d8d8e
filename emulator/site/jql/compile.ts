import type { IndexedValue } from '../entity-properties';
import type { SiteStore } from '../store';
import { escapeLike } from '../store';
import type { Clause, Expr, FieldRef, Operand, Operator, Query, SortKey } from './parse';
import { JQL_LIMITS } from './limits';
import { JqlError } from './parse';

/**
 * Compiles a parsed JQL query to SQL over `issues i JOIN projects p JOIN statuses s`, so searching 5,000 issues is
 * one indexed query: `issue.property[...]` clauses and aliases read `issue_property_index`, never property JSON.
 */

export interface CompileContext {
  readonly store: SiteStore;
  readonly indexedValues: readonly IndexedValue[];
  /** The searching user's account id (`currentUser()`); undefined for the app. */
  readonly currentAccountId: string | undefined;
  readonly nowMs: number;
}

export interface CompiledQuery {
  readonly where: string;
  readonly whereParams: readonly unknown[];
  readonly orderBy: string;
  readonly orderParams: readonly unknown[];
}

type Target = { readonly kind: 'column'; readonly sql: string } | { readonly kind: 'property'; readonly value: IndexedValue; readonly column: 'num_value' | 'str_value' };

interface FieldSpec {
  readonly display: string;
  readonly operators: readonly Operator[];
  readonly target: Target;
  /** SQL values one operand stands for; [] matches nothing. */
  toValues(operand: Exclude<Operand, { kind: 'list' | 'empty' }>): unknown[];
  /** The clause for relational operators when it is not a plain column comparison (issue keys). */
  relational?(operator: '<' | '>' | '<=' | '>=', operand: Exclude<Operand, { kind: 'list' | 'empty' }>): { sql: string; params: unknown[] };
}

const EQUALITY: readonly Operator[] = ['=', '!=', 'IN', 'NOT IN', 'IS', 'IS NOT'];
const RELATIONAL: readonly Operator[] = ['<', '>', '<=', '>='];
const TEXT: readonly Operator[] = ['~', '!~', 'IS', 'IS NOT'];
const MAX_ORDER_BY = 7;

const doesNotExist = (field: string): JqlError => new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
const noSuchValue = (value: string, field: string): JqlError => new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
const fieldText = (ref: FieldRef): string => (ref.kind === 'named' ? ref.name : `issue.property[${ref.propertyKey}].${ref.path}`);

/**
 * Compiles JQL to SQL; throws JqlError naming the problem (unknown field, value, operator or an unbounded query).
 *
 * @example
 * compileJql(parseJql('project = SKU AND goLiveGateApproved >= 3 ORDER BY key'), context).where
 * // '(i.project_id IN (?) AND i.id IN (SELECT x.issue_id FROM issue_property_index x WHERE ... AND x.num_value >= ?))'
 */
export function compileJql(query: Query, context: CompileContext): CompiledQuery {
  if (!query.where) throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const whereParams: unknown[] = [];
  const where = compileExpr(query.where, context, whereParams);
  if (query.orderBy.length > MAX_ORDER_BY) throw new JqlError(`The ORDER BY clause can contain at most ${MAX_ORDER_BY} fields.`);
  const orderParams: unknown[] = [];
  const terms = query.orderBy.flatMap((key) => sortTerms(key, context, orderParams));
  const orderBy = [...(terms.length > 0 ? terms : ['i.created_ms DESC']), 'i.id DESC'].join(', ');
  return { where, whereParams, orderBy, orderParams };
}

function compileExpr(expr: Expr, context: CompileContext, params: unknown[]): string {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return `(${expr.items.map((item) => compileExpr(item, context, params)).join(expr.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${compileExpr(expr.expr, context, params)})`;
    case 'clause':
      return compileClause(expr, context, params);
  }
}

function compileClause(clause: Clause, context: CompileContext, params: unknown[]): string {
  const spec = fieldSpec(clause.field, context);
  const { operator, operand } = clause;
  if (!spec.operators.includes(operator)) throw new JqlError(`The operator '${operator}' is not supported by the '${spec.display}' field.`);

  const any = (): string => hasAny(spec.target, params);
  if (operand.kind === 'empty') {
    if (operator === 'IS' || operator === '=') return `(NOT ${any()})`;
    if (operator === 'IS NOT' || operator === '!=') return any();
    throw new JqlError(`The operator '${operator}' does not support the EMPTY value for the field '${spec.display}'.`);
  }
  if (operator === 'IS' || operator === 'IS NOT') throw new JqlError(`The operator '${operator}' only supports the 'EMPTY' or 'NULL' value for the field '${spec.display}'.`);
  const items = operand.kind === 'list' ? operand.items : [operand];
  if (operand.kind === 'list' && !['IN', 'NOT IN'].includes(operator)) {
    throw new JqlError(`The operator '${operator}' does not support a list value for the field '${spec.display}'.`);
  }
  const singles = items.map((item) => {
    if (item.kind === 'list' || item.kind === 'empty') throw new JqlError(`The list for the field '${spec.display}' may only hold values or functions.`);
    return item;
  });

  if (operator === '<' || operator === '>' || operator === '<=' || operator === '>=') {
    const single = singles[0]!;
    if (spec.relational) {
      const { sql, params: own } = spec.relational(operator, single);
      params.push(...own);
      return sql;
    }
    const [value] = spec.toValues(single);
    if (value === undefined) return '0';
    return has(spec.target, params, (column) => {
      params.push(value);
      return `${column} ${operator} ?`;
    });
  }
  if (operator === '~' || operator === '!~') {
    const term = valueText(singles[0]!, spec.display);
    if (term.length > JQL_LIMITS.textTermLength) throw new JqlError(`The text to search for in '${spec.display}' has ${term.length} characters; at most ${JQL_LIMITS.textTermLength} are accepted.`);
    const pattern = `%${escapeLike(term.replace(/\*/g, ' ').trim()).replace(/\s+/g, '%')}%`;
    const present = operator === '!~' ? any() : undefined;
    const contains = has(spec.target, params, (column) => {
      params.push(pattern);
      return `${column} LIKE ? ESCAPE '\\'`;
    });
    return present === undefined ? contains : `(${present} AND NOT ${contains})`;
  }
  const values = singles.flatMap((single) => spec.toValues(single));
  // Negations match only issues that have a value, as in Jira; params follow the SQL text's order.
  const present = operator === '=' || operator === 'IN' ? undefined : any();
  const positive =
    values.length === 0
      ? '0'
      : has(spec.target, params, (column) => {
          params.push(...values);
          return `${column} IN (${values.map(() => '?').join(', ')})`;
        });
  return present === undefined ? positive : `(${present} AND NOT ${positive})`;
}

function has(target: Target, params: unknown[], condition: (column: string) => string): string {
  if (target.kind === 'column') return condition(target.sql);
  // Uncorrelated, so SQLite evaluates it once through the (property_key, path, value) indexes.
  params.push(target.value.propertyKey, target.value.path);
  return `i.id IN (SELECT x.issue_id FROM issue_property_index x WHERE x.property_key = ? AND x.path = ? AND ${condition(`x.${target.column}`)})`;
}

function hasAny(target: Target, params: unknown[]): string {
  return has(target, params, (column) => `${column} IS NOT NULL`);
}

function fieldSpec(ref: FieldRef, context: CompileContext): FieldSpec {
  const indexed =
    ref.kind === 'property'
      ? context.indexedValues.find((value) => value.propertyKey === ref.propertyKey && value.path === ref.path)
      : context.indexedValues.find((value) => value.searchAlias?.toLowerCase() === ref.name.toLowerCase());
  if (indexed) return propertySpec(fieldText(ref), indexed, context);
  if (ref.kind === 'property') throw doesNotExist(fieldText(ref));
  const { store } = context;
  const name = ref.name.toLowerCase();
  switch (name) {
    case 'project':
      return {
        display: 'project',
        operators: EQUALITY,
        target: { kind: 'column', sql: 'i.project_id' },
        toValues: (operand) => {
          const text = valueText(operand, 'project');
          const ids = store.projectsMatching(text).map((project) => project.id);
          if (ids.length === 0) throw noSuchValue(text, 'project');
          return ids;
        },
      };
    case 'status':
      return {
        display: 'status',
        operators: EQUALITY,
        target: { kind: 'column', sql: 'i.status_id' },
        toValues: (operand) => {
          const text = valueText(operand, 'status');
          const ids = store.statusesMatching(text).map((status) => status.id);
          if (ids.length === 0) throw noSuchValue(text, 'status');
          return ids;
        },
      };
    case 'key':
    case 'issuekey':
    case 'id': {
      const issueOf = (operand: Exclude<Operand, { kind: 'list' | 'empty' }>) => {
        const text = valueText(operand, ref.name);
        const issue = store.issue(text);
        if (!issue) throw new JqlError(`An issue with key '${text}' does not exist for field '${ref.name}'.`);
        return issue;
      };
      return {
        display: ref.name,
        operators: ['=', '!=', 'IN', 'NOT IN', ...RELATIONAL],
        target: { kind: 'column', sql: 'i.id' },
        toValues: (operand) => [issueOf(operand).id],
        relational: (operator, operand) => {
          const issue = issueOf(operand);
          return { sql: `(i.project_id = ? AND i.number ${operator} CAST(? AS INTEGER))`, params: [issue.project_id, issue.issue_key.split('-').pop()] };
        },
      };
    }
    case 'reporter':
      return {
        display: 'reporter',
        operators: EQUALITY,
        target: { kind: 'column', sql: 'i.reporter_account_id' },
        toValues: (operand) => userValues(operand, 'reporter', context),
      };
    case 'created':
    case 'createddate':
    case 'updated':
    case 'updateddate': {
      const display = name.startsWith('created') ? 'created' : 'updated';
      return {
        display,
        operators: [...EQUALITY, ...RELATIONAL],
        target: { kind: 'column', sql: `i.${display}_ms` },
        toValues: (operand) => [dateValue(operand, display, context.nowMs)],
      };
    }
    case 'summary':
      return { display: 'summary', operators: TEXT, target: { kind: 'column', sql: 'i.summary' }, toValues: (operand) => [valueText(operand, 'summary')] };
    default:
      throw doesNotExist(ref.name);
  }
}

function propertySpec(display: string, value: IndexedValue, context: CompileContext): FieldSpec {
  switch (value.type) {
    case 'number':
      return {
        display,
        operators: [...EQUALITY, ...RELATIONAL],
        target: { kind: 'property', value, column: 'num_value' },
        toValues: (operand) => {
          const text = valueText(operand, display);
          const number = Number(text);
          if (text.trim() === '' || !Number.isFinite(number)) throw new JqlError(`The value '${text}' for the field '${display}' is not a valid number.`);
          return [number];
        },
      };
    case 'date':
      return {
        display,
        operators: [...EQUALITY, ...RELATIONAL],
        target: { kind: 'property', value, column: 'num_value' },
        toValues: (operand) => [dateValue(operand, display, context.nowMs)],
      };
    case 'text':
      return { display, operators: TEXT, target: { kind: 'property', value, column: 'str_value' }, toValues: (operand) => [valueText(operand, display)] };
    case 'user':
      return { display, operators: EQUALITY, target: { kind: 'property', value, column: 'str_value' }, toValues: (operand) => userValues(operand, display, context) };
    case 'string':
      return { display, operators: EQUALITY, target: { kind: 'property', value, column: 'str_value' }, toValues: (operand) => [valueText(operand, display)] };
  }
}

function valueText(operand: Exclude<Operand, { kind: 'list' | 'empty' }>, field: string): string {
  if (operand.kind === 'function') throw unsupportedFunction(operand.name, field);
  return operand.text;
}

function unsupportedFunction(name: string, field: string): JqlError {
  const known = ['currentuser', 'now'];
  return known.includes(name.toLowerCase())
    ? new JqlError(`The function '${name}()' is not supported by the field '${field}'.`)
    : new JqlError(`Unable to find JQL function '${name}()'.`);
}

function userValues(operand: Exclude<Operand, { kind: 'list' | 'empty' }>, field: string, context: CompileContext): string[] {
  if (operand.kind === 'function') {
    if (operand.name.toLowerCase() !== 'currentuser') throw unsupportedFunction(operand.name, field);
    return context.currentAccountId === undefined ? [] : [context.currentAccountId];
  }
  const user = context.store.userById(operand.text) ?? context.store.userByEmail(operand.text);
  if (!user) throw noSuchValue(operand.text, field);
  return [user.account_id];
}

const PERIOD_UNITS: Readonly<Record<string, number>> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

function dateValue(operand: Exclude<Operand, { kind: 'list' | 'empty' }>, field: string, nowMs: number): number {
  if (operand.kind === 'function') {
    if (operand.name.toLowerCase() !== 'now') throw unsupportedFunction(operand.name, field);
    return nowMs;
  }
  const text = operand.text.trim();
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (absolute) {
    const [, year, month, day, hour, minute] = absolute;
    return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0));
  }
  if (/^[-+]?(\d+[wdhm]\s*)+$/.test(text)) {
    const sign = text.startsWith('-') ? -1 : 1;
    const total = [...text.matchAll(/(\d+)([wdhm])/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) * (PERIOD_UNITS[unit ?? ''] ?? 0), 0);
    return nowMs + sign * total;
  }
  const iso = text.includes('T') ? Date.parse(text) : NaN;
  if (Number.isFinite(iso)) return iso;
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function sortTerms(key: SortKey, context: CompileContext, params: unknown[]): string[] {
  const { field, direction } = key;
  const nulls = direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST';
  const indexed =
    field.kind === 'property'
      ? context.indexedValues.find((value) => value.propertyKey === field.propertyKey && value.path === field.path)
      : context.indexedValues.find((value) => value.searchAlias?.toLowerCase() === field.name.toLowerCase());
  if (indexed) {
    const column = indexed.type === 'number' || indexed.type === 'date' ? 'num_value' : 'str_value';
    params.push(indexed.propertyKey, indexed.path);
    const aggregate = direction === 'ASC' ? 'MIN' : 'MAX';
    // INDEXED BY: left alone, SQLite walks the value index for MIN/MAX and scans it once per issue.
    return [
      `(SELECT ${aggregate}(x.${column}) FROM issue_property_index x INDEXED BY issue_property_index_by_issue WHERE x.issue_id = i.id AND x.property_key = ? AND x.path = ?) ${direction} ${nulls}`,
    ];
  }
  if (field.kind === 'property') throw doesNotExist(fieldText(field));
  const columns: Readonly<Record<string, readonly string[]>> = {
    key: ['p.key', 'i.number'],
    issuekey: ['p.key', 'i.number'],
    id: ['i.id'],
    created: ['i.created_ms'],
    createddate: ['i.created_ms'],
    updated: ['i.updated_ms'],
    updateddate: ['i.updated_ms'],
    status: ['s.name'],
    summary: ['i.summary'],
    project: ['p.key'],
    reporter: ['i.reporter_account_id'],
  };
  const sql = columns[field.name.toLowerCase()];
  if (!sql) throw doesNotExist(field.name);
  return sql.map((column) => `${column} ${direction} ${nulls}`);
}
