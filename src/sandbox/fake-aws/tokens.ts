/** Opaque paging tokens: base64url JSON, so they look like AWS's and cannot be guessed by the client. */
const PREFIX = 'fake1.';

export function encodeToken(payload: object): string {
  return PREFIX + Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** The payload, or undefined when the token is not one of ours. */
export function decodeToken(token: string): Record<string, unknown> | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A non-negative integer field of a decoded token, or undefined. */
export function tokenOffset(payload: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = payload?.[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
