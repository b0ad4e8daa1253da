export const REDACTED = '[REDACTED]';

/** Named groups of a regex match, as String.prototype.replace hands them to a callback. */
export type Groups = Record<string, string | undefined>;

// AWS masks identities and API keys as `*` + the last (up to) 6 characters; quoting those leaks nothing.
const AWS_MASKED = /^\*+[^*\s]{0,6}$/;
// Author elisions (`...`), placeholders (`<token>`, `$context.identity.apiKey` in an access-log format,
// `${ssm:…}`), `null` and our own marker.
const NOT_A_SECRET =
  /^(?:\.{2,}|…|<[^<>]*>|\$(?:context|stageVariables|input|method)\.[\w.]+|\$\{[^{}]*\}|null|\[REDACTED\])$/;
const AUTH_SCHEME =
  /^(?<scheme>Bearer|Basic|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)(?<sep>:?\s+)(?<rest>.*)$/is;
// No `=` in an access key id: without it, each `Credential=` of a long run would scan to the end of the text.
const SIGV4_CREDENTIAL = /(?<=\bCredential=)[^/\s,"'&%\\=]+(?=\/|%2F)/gi;
const SIGV4_SIGNATURE = /(?<=\bSignature=)(?!\[REDACTED\])[^\s,;&"'\\]+/gi;

export function replaceGroups(
  text: string,
  pattern: RegExp,
  replace: (groups: Groups, match: string) => string,
): string {
  return text.replace(pattern, (...args: unknown[]) =>
    replace(args[args.length - 1] as Groups, String(args[0])),
  );
}

export function isAlreadyMasked(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || AWS_MASKED.test(trimmed) || NOT_A_SECRET.test(trimmed);
}

/**
 * Masks a credential value (a header value, a token, a password) but keeps the auth scheme word, because
 * "Bearer expected, bare token sent" is itself a diagnosis. SigV4 keeps its scope and signed headers.
 */
export function maskCredential(value: string): string {
  if (isAlreadyMasked(value)) return value;
  const groups = AUTH_SCHEME.exec(value)?.groups;
  if (!groups) return REDACTED;
  const { scheme = '', sep = '', rest = '' } = groups;
  if (isAlreadyMasked(rest)) return value;
  if (scheme.toUpperCase() === 'AWS4-HMAC-SHA256') return scheme + sep + maskSigV4(rest);
  return scheme + sep + REDACTED;
}

/** Masks the access key id of `Credential=<id>/<scope>` and the `Signature=` value; the scope is diagnostic. */
export function maskSigV4(text: string): string {
  return text.replace(SIGV4_CREDENTIAL, REDACTED).replace(SIGV4_SIGNATURE, REDACTED);
}
