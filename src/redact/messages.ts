import { isAlreadyMasked, maskCredential, REDACTED, replaceGroups } from './marker';

// The start of the next log entry when a trace was flattened onto one line: the identity ends there.
const NEXT_ENTRY = String.raw`[ \t]{1,4}(?:\[TRUNCATED\]|[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\([0-9a-f]{8}-[0-9a-f]{4}-)`;
const INCOMING_IDENTITY = new RegExp(
  String.raw`(?<prefix>Incoming identity:[ \t]*)(?<value>(?:(?!${NEXT_ENTRY})[^\n])*)`,
  'gi',
);
const IDENTITY_MAP_ENTRY = /(?<=[{,][ \t]{0,4})(?<key>[^=,{}\s]+)=(?<value>(?:(?!, [^=,{}\s]+=|\})[^\n])*)/g;
// `API Key <key> not authorized because …`, `API Key <key> authorized because …`, `API Key: <key> API Stage: …`.
const API_KEY_MESSAGE =
  /(?<prefix>\bAPI Key(?::[ \t]*|[ \t]+))(?<value>\S+)(?=[ \t]+(?:(?:not[ \t]+)?authorized\b|API Stage\b))/g;
// IncompleteSignatureException: `'<token>' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer <token>'.`
const INVALID_PAIR_VALUE = /(?<=')(?<value>[^'\n]+)(?=' not a valid key=value pair)/g;
const AUTHORIZATION_HEADER_VALUE = /(?<=Authorization header: ')(?<value>[^'\n]*)/gi;

export function maskMessages(text: string): string {
  let result = replaceGroups(
    text,
    INCOMING_IDENTITY,
    ({ prefix = '', value = '' }) => prefix + maskIdentity(value),
  );
  result = replaceGroups(
    result,
    API_KEY_MESSAGE,
    ({ prefix = '', value = '' }) => prefix + maskUnlessMasked(value),
  );
  result = replaceGroups(result, INVALID_PAIR_VALUE, ({ value = '' }) => maskUnlessMasked(value));
  return replaceGroups(result, AUTHORIZATION_HEADER_VALUE, ({ value = '' }) => maskCredential(value));
}

/** A raw token loses everything but its scheme; an identity map keeps its keys and AWS-masked values. */
function maskIdentity(value: string): string {
  const identity = value.trimEnd();
  const trailing = value.slice(identity.length);
  if (!identity.startsWith('{')) return maskCredential(identity) + trailing;
  const masked = replaceGroups(
    identity,
    IDENTITY_MAP_ENTRY,
    ({ key = '', value: entry = '' }) => `${key}=${maskUnlessMasked(entry)}`,
  );
  return masked + trailing;
}

function maskUnlessMasked(value: string): string {
  return isAlreadyMasked(value) ? value : REDACTED;
}
