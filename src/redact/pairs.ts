import {
  isSensitiveKey,
  isSensitiveQueryKey,
  SENSITIVE_KEY_SOURCE,
  SENSITIVE_QUERY_KEY_SOURCE,
} from './keys';
import { type Groups, isAlreadyMasked, maskCredential, REDACTED, replaceGroups } from './marker';

// A quote, possibly escaped (`"`, `\"`): JSON quoted inside a JSON log export keeps its backslashes.
const QUOTE = String.raw`\\{0,3}["']`;
// Where a bare header value stops: the next `key:`/`key=`, a closing bracket or quote, ` [TRUNCATED]`, line end.
const BARE_END = String.raw`[ \t]{0,16},\s{0,16}\\{0,3}["']?[\w.-]{1,64}\\{0,3}["']?[ \t]{0,16}[:=]|[ \t]{0,16}[}\]"']| \[TRUNCATED\]|[ \t]{0,16}$`;
const SCHEME = String.raw`(?:Bearer|Basic|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256)`;
const QUOTED_STRING = new RegExp(
  String.raw`(?<q>${QUOTE})(?<str>(?:(?!\k<q>)[^\n])*?)(?<close>\k<q>|$)`,
  'gm',
);

/** `Key: value`, `"Key":"value"`, `"Key": ["v1", "v2"]`, `'key': 'value'`, also with escaped quotes. */
function colonPairPattern(keySource: string): RegExp {
  const key = String.raw`(?<![\w.-])(?<kq>(?:${QUOTE})?)(?<key>${keySource})(?![\w-])\k<kq>(?<sep>\s*:\s*)`;
  const quoted = String.raw`(?<vq>${QUOTE})(?<str>(?:(?!\k<vq>)[^\n])*?)(?<close>\k<vq>|(?= \[TRUNCATED\]\s*$)|$)`;
  const array = String.raw`\[(?<arr>[^[\]{}]*)(?<arrClose>\]?)`;
  const bare = String.raw`(?<bare>(?![{[\\"'])(?:\[REDACTED\]|(?!${BARE_END})[^\n])+)`;
  return new RegExp(`${key}(?:${quoted}|${array}|${bare})`, 'gim');
}

/** `Key=value` entries of a `{k=v, k2=v2}` map as API Gateway prints headers, query strings and identities. */
function mapEntryPattern(keySource: string): RegExp {
  const value = String.raw`(?<value>(?:(?!, [\w.$-]{1,64}=|\}| \[TRUNCATED\])[^\n])*)`;
  return new RegExp(String.raw`(?<=[{,][ \t]{0,4})(?<key>${keySource})(?![\w-])=${value}`, 'gi');
}

const COLON_PAIR = colonPairPattern(SENSITIVE_KEY_SOURCE);
const QUERY_COLON_PAIR = colonPairPattern(SENSITIVE_QUERY_KEY_SOURCE);
const MAP_ENTRY = mapEntryPattern(SENSITIVE_KEY_SOURCE);
const QUERY_MAP_ENTRY = mapEntryPattern(SENSITIVE_QUERY_KEY_SOURCE);
// `password=hunter2`, `AWS_SECRET_ACCESS_KEY = …`, `Authorization=Bearer x` outside a map.
const PLAIN_PAIR = new RegExp(
  String.raw`(?<![\w.-])(?<key>${SENSITIVE_KEY_SOURCE})(?![\w-])(?<sep>\s*=(?!=)\s*)` +
    String.raw`(?<value>(?:${SCHEME}\s+)?(?:\[REDACTED\]|[^\s,;&"'<>{}[\]\\]+))`,
  'gi',
);
const URL_PARAM = new RegExp(
  String.raw`(?<=[?&])(?<key>${SENSITIVE_QUERY_KEY_SOURCE})(?![\w-])=(?<value>[^&#\s"'<>\\]*)`,
  'gi',
);
// Query-string objects of a REQUEST authorizer event, and the `Method request query string: {…}` log line.
const QUERY_OBJECT = /(?<kq>\\{0,3}")(?:multiValue)?queryStringParameters\k<kq>\s*:\s*\{[^{}]*\}?/gi;
const QUERY_MAP = /query string: \{[^{}\n]*\}?/gi;

export function maskKeyValuePairs(text: string): string {
  let result = text.replace(QUERY_OBJECT, (object) =>
    maskColonPairs(object, QUERY_COLON_PAIR, isSensitiveQueryKey),
  );
  result = result.replace(QUERY_MAP, (map) => maskMapEntries(map, QUERY_MAP_ENTRY, isSensitiveQueryKey));
  result = maskColonPairs(result, COLON_PAIR, isSensitiveKey);
  result = maskMapEntries(result, MAP_ENTRY, isSensitiveKey);
  result = replaceGroups(result, PLAIN_PAIR, ({ key = '', sep = '', value = '' }, match) =>
    isSensitiveKey(key) ? key + sep + maskCredential(value) : match,
  );
  return replaceGroups(result, URL_PARAM, ({ key = '', value = '' }, match) =>
    isSensitiveQueryKey(key) && !isAlreadyMasked(value) ? `${key}=${REDACTED}` : match,
  );
}

function maskColonPairs(text: string, pattern: RegExp, isSensitive: (key: string) => boolean): string {
  return replaceGroups(text, pattern, (groups, match) => {
    const { kq = '', key = '', sep = '' } = groups;
    if (!isSensitive(key)) return match;
    return kq + key + kq + sep + maskColonValue(groups);
  });
}

function maskColonValue({ vq, str = '', close = '', arr, arrClose = '', bare = '' }: Groups): string {
  if (vq !== undefined) return vq + maskCredential(str) + close;
  if (arr !== undefined) return `[${maskQuotedStrings(arr)}${arrClose}`;
  return maskCredential(bare);
}

function maskQuotedStrings(text: string): string {
  return replaceGroups(
    text,
    QUOTED_STRING,
    ({ q = '', str = '', close = '' }) => q + maskCredential(str) + close,
  );
}

function maskMapEntries(text: string, pattern: RegExp, isSensitive: (key: string) => boolean): string {
  return replaceGroups(text, pattern, ({ key = '', value = '' }, match) =>
    isSensitive(key) ? `${key}=${maskCredential(value)}` : match,
  );
}
