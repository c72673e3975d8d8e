import { JQL_LIMITS } from './limits';

/** A JQL tokenizer and recursive-descent parser for the subset the site searches (see compile.ts for the fields). */

export class JqlError extends Error {
  override readonly name = 'JqlError';
}

type TokenKind = 'word' | 'string' | 'operator' | '(' | ')' | '[' | ']' | ',' | 'eof';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based character position, as Jira reports it. */
  readonly position: number;
}

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '~' | '!~' | 'IN' | 'NOT IN' | 'IS' | 'IS NOT';

export type FieldRef =
  | { readonly kind: 'named'; readonly name: string; readonly position: number }
  | { readonly kind: 'property'; readonly propertyKey: string; readonly path: string; readonly position: number };

export type Operand =
  | { readonly kind: 'value'; readonly text: string; readonly position: number }
  | { readonly kind: 'function'; readonly name: string; readonly args: readonly string[]; readonly position: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'list'; readonly items: readonly Operand[] };

export interface Clause {
  readonly kind: 'clause';
  readonly field: FieldRef;
  readonly operator: Operator;
  readonly operand: Operand;
}
export type Expr = Clause | { readonly kind: 'and' | 'or'; readonly items: readonly Expr[] } | { readonly kind: 'not'; readonly expr: Expr };

export interface SortKey {
  readonly field: FieldRef;
  readonly direction: 'ASC' | 'DESC';
}
export interface Query {
  readonly where?: Expr | undefined;
  readonly orderBy: readonly SortKey[];
}

const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'EMPTY', 'NULL', 'ORDER', 'BY', 'ASC', 'DESC']);
const OPERATOR_LIST = "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'";
const SPECIAL = new Set(['(', ')', '[', ']', ',', '=', '!', '<', '>', '~', '"', "'"]);

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < jql.length) {
    const char = jql.charAt(index);
    const position = index + 1;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"' || char === "'") {
      let text = '';
      let end = index + 1;
      for (; end < jql.length && jql.charAt(end) !== char; end += 1) {
        if (jql.charAt(end) === '\\' && end + 1 < jql.length) end += 1;
        text += jql.charAt(end);
      }
      if (end >= jql.length) throw new JqlError(syntax(`The quoted string '${text}' has not been completed.`, position));
      tokens.push({ kind: 'string', text, position });
      index = end + 1;
    } else if (char === '(' || char === ')' || char === '[' || char === ']' || char === ',') {
      tokens.push({ kind: char, text: char, position });
      index += 1;
    } else if ('=!<>~'.includes(char)) {
      const two = jql.slice(index, index + 2);
      const text = ['!=', '<=', '>=', '!~'].includes(two) ? two : char;
      if (text === '!') throw new JqlError(syntax("Expecting '=' or '~' after '!'.", position));
      tokens.push({ kind: 'operator', text, position });
      index += text.length;
    } else {
      let end = index;
      while (end < jql.length && !/\s/.test(jql.charAt(end)) && !SPECIAL.has(jql.charAt(end))) end += 1;
      tokens.push({ kind: 'word', text: jql.slice(index, end), position });
      index = end;
    }
  }
  tokens.push({ kind: 'eof', text: '', position: jql.length + 1 });
  return tokens;
}

const syntax = (message: string, position: number): string => `Error in the JQL Query: ${message} (line 1, character ${position})`;
const describe = (token: Token): string => (token.kind === 'eof' ? 'the end of the query' : `'${token.text}'`);

/**
 * Parses a JQL query; throws JqlError with Jira's wording and position when it is malformed.
 *
 * @example
 * parseJql('project = SKU AND goLiveGateStatus IN (blocked, ready) ORDER BY key DESC')
 */
export function parseJql(jql: string): Query {
  if (jql.length > JQL_LIMITS.length) throw new JqlError(`The JQL query is too long: ${jql.length} characters; at most ${JQL_LIMITS.length} are accepted.`);
  const tokens = tokenize(jql);
  let index = 0;
  // Bounded before the recursion can go deep, so nesting of any depth is a 400, never a stack overflow.
  let depth = 0;
  let clauses = 0;
  let listValues = 0;
  const nest = (token: Token): void => {
    depth += 1;
    if (depth > JQL_LIMITS.depth) throw new JqlError(syntax(`The query nests parentheses and NOT more than ${JQL_LIMITS.depth} levels deep.`, token.position));
  };
  const peek = (): Token => tokens[index] ?? tokens[tokens.length - 1]!;
  const next = (): Token => {
    const token = peek();
    if (token.kind !== 'eof') index += 1;
    return token;
  };
  const isKeyword = (token: Token, keyword: string): boolean => token.kind === 'word' && token.text.toUpperCase() === keyword;
  const expect = (kind: TokenKind, what: string): Token => {
    const token = next();
    if (token.kind !== kind) throw new JqlError(syntax(`Expecting ${what} but got ${describe(token)}.`, token.position));
    return token;
  };

  function field(): FieldRef {
    const token = next();
    if ((token.kind !== 'word' && token.kind !== 'string') || (token.kind === 'word' && RESERVED.has(token.text.toUpperCase()))) {
      throw new JqlError(syntax(`Expecting a field name but got ${describe(token)}.`, token.position));
    }
    if (token.kind === 'word' && token.text.toLowerCase() === 'issue.property') {
      expect('[', "'['");
      const key = next();
      if (key.kind !== 'word' && key.kind !== 'string') throw new JqlError(syntax(`Expecting a property key but got ${describe(key)}.`, key.position));
      expect(']', "']'");
      const path = next();
      if (path.kind !== 'word' || !path.text.startsWith('.') || path.text.length < 2) {
        throw new JqlError(syntax(`Expecting '.<path>' after the property key but got ${describe(path)}.`, path.position));
      }
      return { kind: 'property', propertyKey: key.text, path: path.text.slice(1), position: token.position };
    }
    return { kind: 'named', name: token.text, position: token.position };
  }

  function operator(): Operator {
    const token = next();
    if (token.kind === 'operator') return token.text as Operator;
    if (isKeyword(token, 'IN')) return 'IN';
    if (isKeyword(token, 'NOT')) {
      const following = next();
      if (isKeyword(following, 'IN')) return 'NOT IN';
      throw new JqlError(syntax(`Expecting 'IN' after 'NOT' but got ${describe(following)}.`, following.position));
    }
    if (isKeyword(token, 'IS')) {
      if (isKeyword(peek(), 'NOT')) {
        next();
        return 'IS NOT';
      }
      return 'IS';
    }
    throw new JqlError(syntax(`Expecting operator but got ${describe(token)}. The valid operators are ${OPERATOR_LIST}.`, token.position));
  }

  function single(): Operand {
    const token = next();
    if (token.kind === 'string') return { kind: 'value', text: token.text, position: token.position };
    if (token.kind === 'word') {
      const upper = token.text.toUpperCase();
      if (upper === 'EMPTY' || upper === 'NULL') return { kind: 'empty' };
      if (RESERVED.has(upper)) throw new JqlError(syntax(`Expecting either a value, list or function but got ${describe(token)}.`, token.position));
      if (peek().kind === '(') {
        next();
        const args: string[] = [];
        while (peek().kind !== ')') {
          const arg = next();
          if (arg.kind !== 'word' && arg.kind !== 'string') throw new JqlError(syntax(`Expecting a function argument but got ${describe(arg)}.`, arg.position));
          args.push(arg.text);
          if (peek().kind === ',') next();
        }
        next();
        return { kind: 'function', name: token.text, args, position: token.position };
      }
      return { kind: 'value', text: token.text, position: token.position };
    }
    throw new JqlError(syntax(`Expecting either a value, list or function but got ${describe(token)}.`, token.position));
  }

  function operand(): Operand {
    if (peek().kind !== '(') return single();
    next();
    const items: Operand[] = [single()];
    while (peek().kind === ',') {
      next();
      items.push(single());
      listValues += 1;
      if (listValues > JQL_LIMITS.listValues) throw new JqlError(syntax(`The query lists more than ${JQL_LIMITS.listValues} values.`, peek().position));
    }
    expect(')', "')'");
    return { kind: 'list', items };
  }

  function primary(): Expr {
    if (isKeyword(peek(), 'NOT')) {
      nest(next());
      const expr: Expr = { kind: 'not', expr: primary() };
      depth -= 1;
      return expr;
    }
    if (peek().kind === '(') {
      nest(next());
      const inner = or();
      expect(')', "')'");
      depth -= 1;
      return inner;
    }
    clauses += 1;
    if (clauses > JQL_LIMITS.clauses) throw new JqlError(syntax(`The query has more than ${JQL_LIMITS.clauses} clauses.`, peek().position));
    const ref = field();
    const op = operator();
    return { kind: 'clause', field: ref, operator: op, operand: operand() };
  }

  function and(): Expr {
    const items = [primary()];
    while (isKeyword(peek(), 'AND')) {
      next();
      items.push(primary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  function or(): Expr {
    const items = [and()];
    while (isKeyword(peek(), 'OR')) {
      next();
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  const atOrderBy = (): boolean => isKeyword(peek(), 'ORDER');
  const where = peek().kind === 'eof' || atOrderBy() ? undefined : or();
  const orderBy: SortKey[] = [];
  if (atOrderBy()) {
    next();
    const by = next();
    if (!isKeyword(by, 'BY')) throw new JqlError(syntax(`Expecting 'BY' but got ${describe(by)}.`, by.position));
    do {
      if (orderBy.length > 0) next();
      const ref = field();
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (isKeyword(peek(), 'ASC') || isKeyword(peek(), 'DESC')) direction = next().text.toUpperCase() as 'ASC' | 'DESC';
      orderBy.push({ field: ref, direction });
    } while (peek().kind === ',');
  }
  const rest = peek();
  if (rest.kind !== 'eof') {
    const expected = orderBy.length > 0 ? "',' or the end of the query" : "either 'OR' or 'AND'";
    throw new JqlError(syntax(`Expecting ${expected} but got ${describe(rest)}.`, rest.position));
  }
  return { where, orderBy };
}
