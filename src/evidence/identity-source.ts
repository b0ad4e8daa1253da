/**
 * Where an authorizer reads its identity (domain.md §3.1, aws-wire.md §2.3): a TOKEN authorizer one header, a
 * REQUEST authorizer a comma-separated list of headers, query strings, stage variables and context variables.
 * The one parser of identity-source expressions: the replay places values by it, the rules explain a missing one.
 */

export type IdentityKind = 'header' | 'querystring' | 'multivaluequerystring' | 'stageVariable' | 'context';

export interface IdentitySource {
  /** As the authorizer's configuration writes it, e.g. `method.request.header.Authorization`. */
  expression: string;
  kind: IdentityKind;
  name: string;
}

const PATTERNS: ReadonlyArray<readonly [IdentityKind, RegExp]> = [
  ['header', /^method\.request\.header\.(?<name>[^\s,]+)$/i],
  ['multivaluequerystring', /^method\.request\.multivaluequerystring\.(?<name>[^\s,]+)$/i],
  ['querystring', /^method\.request\.querystring\.(?<name>[^\s,]+)$/i],
  ['stageVariable', /^stageVariables\.(?<name>[^\s,]+)$/],
  ['context', /^context\.(?<name>[^\s,]+)$/],
];

/** One identity-source expression, or undefined when it is none of the kinds API Gateway accepts. */
export function parseIdentitySource(expression: string): IdentitySource | undefined {
  const trimmed = expression.trim();
  for (const [kind, pattern] of PATTERNS) {
    const name = pattern.exec(trimmed)?.groups?.name;
    if (name) return { expression: trimmed, kind, name };
  }
  return undefined;
}

/** The expressions of an `identitySource` value, in order, as written (empty parts dropped). */
export function identityExpressions(identitySource: string | undefined): string[] {
  return (identitySource ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The sources of an `identitySource` value that parse; an expression of no known kind is left out. */
export function parsedIdentitySources(identitySource: string | undefined): IdentitySource[] {
  return identityExpressions(identitySource).flatMap((expression) => parseIdentitySource(expression) ?? []);
}

/** Sources the client sends itself: headers and query strings (stage variables and context values it cannot). */
export function sentByClient(source: IdentitySource): boolean {
  return source.kind === 'header' || source.kind === 'querystring' || source.kind === 'multivaluequerystring';
}
