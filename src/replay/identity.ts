import type { TestInvokeInput } from '../aws/rest-api';
import type { AuthorizerConfig } from '../evidence/types';
import { InputError } from '../errors';
import { msg } from '../text';
import type { SealedIdentity } from './sealed';
import { identityExpressions, parseIdentitySource, type IdentitySource } from '../evidence/identity-source';

export { parseIdentitySource, type IdentityKind, type IdentitySource } from '../evidence/identity-source';

/**
 * Where an authorizer reads its identity (domain.md §3.1, aws-wire.md §2.3): a TOKEN authorizer one header, a
 * REQUEST authorizer a comma-separated list of headers, query strings, stage variables and context variables. A
 * replay puts each value the person gave where that source says, so that TestInvokeAuthorizer hands the authorizer
 * what a real request would.
 */

/** The authorizer's identity sources, in order; an expression of no known kind is refused. */
export function identitySourcesOf(authorizer: AuthorizerConfig): IdentitySource[] {
  return identityExpressions(authorizer.identitySource).map((expression) => {
    const source = parseIdentitySource(expression);
    if (!source)
      throw new InputError(
        msg('replay.identity.unknown-source', { source: expression, authorizer: authorizer.id ?? '' }),
      );
    return source;
  });
}

export interface IdentityValue {
  source: IdentitySource;
  value: string;
}

/**
 * Each of the authorizer's identity sources with the value the person gave for it. One value fits an authorizer
 * with one source; named values are matched by expression, or by bare name (header names ignoring case). A name that
 * is a full expression of a source the authorizer does not list is sent too (a REQUEST authorizer may read more
 * than it caches on). Refused when a source has no value, or a name fits nothing.
 */
export function resolveIdentity(
  identity: SealedIdentity,
  sources: readonly IdentitySource[],
): IdentityValue[] {
  const listed = sources.map((source) => source.expression).join(', ');
  if (identity.isSingle) {
    if (sources.length !== 1)
      throw new InputError(
        msg(sources.length === 0 ? 'replay.identity.no-sources' : 'replay.identity.several', {
          count: sources.length,
          sources: listed,
        }),
        msg('replay.identity.hint'),
      );
    return [{ source: sources[0], value: identity.revealSingle() as string }];
  }
  const taken = new Map<IdentitySource, string>();
  const extra: IdentityValue[] = [];
  for (const name of identity.names) {
    const value = identity.reveal(name) as string;
    const source = sources.find((candidate) => names(candidate, name));
    if (source) {
      taken.set(source, value);
      continue;
    }
    const parsed = parseIdentitySource(name);
    if (!parsed)
      throw new InputError(
        msg('replay.identity.unknown-name', { name: clip(name), sources: listed || '—' }),
        msg('replay.identity.hint'),
      );
    extra.push({ source: parsed, value });
  }
  const missing = sources.filter((source) => !taken.has(source));
  if (missing.length > 0)
    throw new InputError(
      msg('replay.identity.missing', {
        count: missing.length,
        sources: missing.map((s) => s.expression).join(', '),
      }),
      msg('replay.identity.hint'),
    );
  return [...sources.map((source) => ({ source, value: taken.get(source) as string })), ...extra];
}

function names(source: IdentitySource, name: string): boolean {
  if (name === source.expression) return true;
  if (source.kind === 'header') return name.toLowerCase() === source.name.toLowerCase();
  return name === source.name;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * The TestInvokeAuthorizer input for these values: headers (single- and multi-value), the request's own path with
 * the query-string sources, the stage's variables with the stage-variable sources, and context sources.
 */
export function testInvokeInput(
  values: readonly IdentityValue[],
  request: { path: string; stageVariables?: Readonly<Record<string, string>> },
): TestInvokeInput {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const query = new URLSearchParams();
  const stageVariables: Record<string, string> = { ...request.stageVariables };
  const additionalContext: Record<string, string> = {};
  for (const { source, value } of values) {
    if (source.kind === 'header') {
      headers[source.name] = value;
      multiValueHeaders[source.name] = [value];
    } else if (source.kind === 'querystring' || source.kind === 'multivaluequerystring') {
      query.append(source.name, value);
    } else if (source.kind === 'stageVariable') {
      stageVariables[source.name] = value;
    } else {
      additionalContext[source.name] = value;
    }
  }
  const search = query.toString();
  return {
    headers,
    multiValueHeaders,
    pathWithQueryString: search ? `${request.path}?${search}` : request.path,
    ...(Object.keys(stageVariables).length > 0 ? { stageVariables } : {}),
    ...(Object.keys(additionalContext).length > 0 ? { additionalContext } : {}),
  };
}
