import { isAlreadyMasked, maskSigV4, REDACTED, replaceGroups } from './marker';

const PRIVATE_KEY =
  /(?<begin>-----BEGIN (?<label>[A-Z0-9 ]*PRIVATE KEY)-----)(?<body>[\s\S]*?)(?<end>-----END \k<label>-----|$)/g;
// Three base64url parts starting `eyJ` (`{"`), or a lone `eyJ…` run: copies often cut tokens short.
const JWT = /(?<![A-Za-z0-9])eyJ(?:[\w-]{2,}\.[\w-]{2,}(?:\.[\w-]*){0,3}|[\w-]{17,})=*/g;
// STS session tokens are base64 and start with a recognizable version prefix ("\x02\x0b…origin_ec" etc.).
const STS_SESSION_TOKEN =
  /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2lu|AgoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/=%]{8,}/g;
const ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;
// Slack's bot, user, refresh and app-level tokens, and the secret path of its webhook and response URLs.
const SLACK_TOKEN = /(?<![A-Za-z0-9])(?:xox[abeoprs](?:\.xox[bp])?|xapp)-[A-Za-z0-9-]{6,}/g;
const SLACK_HOOK_PATH =
  /(?<=\bhooks\.slack(?:-gov)?\.com\/(?:services|commands|actions|workflows|triggers)\/)[\w/%.-]+/g;
const AUTH_SCHEME_VALUE =
  /\b(?<scheme>Bearer|Basic|Digest|Negotiate)(?<sep>:?[ \t]+)(?<value>[\w\-.~+/=*]+)/gi;
// Prose ("Bearer token", "Basic authentication") and regex fragments ("^Bearer .+$" in an
// identityValidationExpression) are not credentials.
const NOT_A_CREDENTIAL = /^(?:[A-Za-z][a-z]*|[^A-Za-z0-9]*)$/;

export function maskTokens(text: string): string {
  let result = replaceGroups(
    text,
    PRIVATE_KEY,
    ({ begin = '', body = '', end = '' }) => begin + maskLines(body) + end,
  );
  result = result.replace(JWT, REDACTED);
  result = result.replace(STS_SESSION_TOKEN, REDACTED);
  result = result.replace(ACCESS_KEY_ID, REDACTED);
  result = result.replace(SLACK_TOKEN, REDACTED).replace(SLACK_HOOK_PATH, REDACTED);
  result = maskSigV4(result);
  return replaceGroups(result, AUTH_SCHEME_VALUE, ({ scheme = '', sep = '', value = '' }, match) =>
    isAlreadyMasked(value) || NOT_A_CREDENTIAL.test(value) ? match : scheme + sep + REDACTED,
  );
}

// Keeps the line count so redactLines() can map output lines back to input lines.
function maskLines(body: string): string {
  return body.replace(/[^\r\n]+/g, REDACTED);
}
