import { malformedQuery } from './errors';
import { lexQuery, type Token } from './insights-lexer';

/**
 * Parses the Logs Insights subset the product sends: `fields`, `filter` (like / =~ / not like tests on text
 * fields, combined with and / or / not and parentheses), `sort @timestamp asc|desc` and `limit N`. Anything
 * else is a MalformedQueryException, so a query the fake would silently misread cannot pass a test.
 */
export type InsightsField = '@timestamp' | '@message' | '@logStream' | '@log';

export interface InsightsRecord {
  '@timestamp': number;
  '@message': string;
  '@logStream': string;
  '@log': string;
}

export type Predicate = (record: InsightsRecord) => boolean;

export interface QueryPlan {
  fields: InsightsField[];
  filters: Predicate[];
  order: 'asc' | 'desc';
  limit?: number;
}

const FIELDS: InsightsField[] = ['@timestamp', '@message', '@logStream', '@log'];
const TEXT_FIELDS = new Set(['@message', '@logStream', '@log']);
export const MAX_QUERY_LIMIT = 10_000;

interface Cursor {
  tokens: Token[];
  pos: number;
}

export function parseQuery(query: string): QueryPlan {
  const commands = splitCommands(lexQuery(query));
  const plan: QueryPlan = { fields: [], filters: [], order: 'desc' };
  for (const command of commands) parseCommand(command, plan);
  if (plan.fields.length === 0) plan.fields = [...FIELDS];
  return plan;
}

function splitCommands(tokens: Token[]): Token[][] {
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'pipe') commands.push([]);
    else commands[commands.length - 1].push(token);
  }
  if (commands.some((c) => c.length === 0)) throw malformedQuery('empty command in query');
  return commands;
}

function parseCommand(tokens: Token[], plan: QueryPlan): void {
  const name = tokens[0].kind === 'word' ? tokens[0].text.toLowerCase() : '';
  const cursor = { tokens, pos: 1 };
  if (name === 'fields') return parseFields(cursor, plan);
  if (name === 'filter') return parseFilter(cursor, plan);
  if (name === 'sort') return parseSort(cursor, plan);
  if (name === 'limit') return parseLimit(cursor, plan);
  throw malformedQuery(
    `unsupported command '${tokens[0].text}' (the fake serves fields, filter, sort, limit)`,
  );
}

function parseFields(cursor: Cursor, plan: QueryPlan): void {
  do {
    const field = take(cursor, 'field name');
    if (!FIELDS.includes(field.text as InsightsField))
      throw malformedQuery(`unsupported field '${field.text}'`);
    if (!plan.fields.includes(field.text as InsightsField)) plan.fields.push(field.text as InsightsField);
  } while (accept(cursor, 'comma'));
  expectEnd(cursor);
}

function parseFilter(cursor: Cursor, plan: QueryPlan): void {
  plan.filters.push(parseOr(cursor));
  expectEnd(cursor);
}

function parseSort(cursor: Cursor, plan: QueryPlan): void {
  const field = take(cursor, 'sort field');
  if (field.text !== '@timestamp') throw malformedQuery(`sorting by '${field.text}' is not supported`);
  const direction = peek(cursor)?.text.toLowerCase();
  if (direction === 'asc' || direction === 'desc') {
    plan.order = direction;
    cursor.pos += 1;
  }
  expectEnd(cursor);
}

function parseLimit(cursor: Cursor, plan: QueryPlan): void {
  const token = take(cursor, 'limit');
  const limit = Number(token.text);
  if (token.kind !== 'number' || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw malformedQuery(`limit must be a number between 1 and ${MAX_QUERY_LIMIT}`);
  }
  plan.limit = limit;
  expectEnd(cursor);
}

function parseOr(cursor: Cursor): Predicate {
  const parts = [parseAnd(cursor)];
  while (acceptWord(cursor, 'or')) parts.push(parseAnd(cursor));
  return parts.length === 1 ? parts[0] : (r) => parts.some((p) => p(r));
}

function parseAnd(cursor: Cursor): Predicate {
  const parts = [parseUnary(cursor)];
  while (acceptWord(cursor, 'and')) parts.push(parseUnary(cursor));
  return parts.length === 1 ? parts[0] : (r) => parts.every((p) => p(r));
}

function parseUnary(cursor: Cursor): Predicate {
  if (acceptWord(cursor, 'not')) {
    const inner = parseUnary(cursor);
    return (r) => !inner(r);
  }
  if (accept(cursor, 'lparen')) {
    const inner = parseOr(cursor);
    if (!accept(cursor, 'rparen')) throw malformedQuery('missing )');
    return inner;
  }
  return parseTest(cursor);
}

/** `@message like /re/`, `@message like "text"`, `@message =~ /re/`, `@message not like …`. */
function parseTest(cursor: Cursor): Predicate {
  const field = take(cursor, 'field');
  if (!TEXT_FIELDS.has(field.text)) throw malformedQuery(`cannot filter on '${field.text}' in the fake`);
  const negated = acceptWord(cursor, 'not');
  if (!acceptWord(cursor, 'like') && !(!negated && acceptOperator(cursor, '=~'))) {
    throw malformedQuery(`expected like or =~ after ${field.text}`);
  }
  const test = matcher(take(cursor, 'pattern'));
  const key = field.text as Exclude<InsightsField, '@timestamp'>;
  return negated ? (r) => !test(r[key]) : (r) => test(r[key]);
}

function matcher(token: Token): (value: string) => boolean {
  if (token.kind === 'string') return (value) => value.includes(token.text);
  if (token.kind !== 'regex') throw malformedQuery(`expected a "string" or /regex/, got '${token.text}'`);
  const regex = compileRegex(token.text, token.flags ?? '');
  return (value) => regex.test(value);
}

/** Insights writes case-insensitivity as a leading `(?i)`, which JS lacks; `g`/`y` would make test() stateful. */
function compileRegex(source: string, flags: string): RegExp {
  const insensitive = source.startsWith('(?i)');
  const body = insensitive ? source.slice(4) : source;
  const jsFlags = [...new Set((flags + (insensitive ? 'i' : '')).replace(/[gy]/g, ''))].join('');
  try {
    return new RegExp(body, jsFlags);
  } catch (error) {
    throw malformedQuery(`invalid regular expression /${source}/${flags}: ${(error as Error).message}`);
  }
}

function peek(cursor: Cursor): Token | undefined {
  return cursor.tokens[cursor.pos];
}

function take(cursor: Cursor, what: string): Token {
  const token = peek(cursor);
  if (!token) throw malformedQuery(`expected ${what} at the end of a command`);
  cursor.pos += 1;
  return token;
}

function accept(cursor: Cursor, kind: Token['kind']): boolean {
  if (peek(cursor)?.kind !== kind) return false;
  cursor.pos += 1;
  return true;
}

function acceptWord(cursor: Cursor, word: string): boolean {
  const token = peek(cursor);
  if (token?.kind !== 'word' || token.text.toLowerCase() !== word) return false;
  cursor.pos += 1;
  return true;
}

function acceptOperator(cursor: Cursor, operator: string): boolean {
  const token = peek(cursor);
  if (token?.kind !== 'op' || token.text !== operator) return false;
  cursor.pos += 1;
  return true;
}

function expectEnd(cursor: Cursor): void {
  const token = peek(cursor);
  if (token) throw malformedQuery(`unexpected '${token.text}'`);
}
