import { isSensitiveKey } from './keys';
import { REDACTED } from './marker';
import { redactText } from './text';

type PlainObject = Record<string, unknown>;

/**
 * Deep copy of JSON-like data with every string through redactText(), values under credential-named keys
 * replaced by REDACTED, and the `context` of an authorizer output masked leaf by leaf. Keys are kept;
 * null, undefined and '' are kept because "the header was empty" is evidence.
 */
export function redactValue<T>(value: T): T {
  return redactUnknown(value) as T;
}

function redactUnknown(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactUnknown);
  if (isPlainObject(value)) return redactObject(value);
  return value;
}

function redactObject(object: PlainObject): PlainObject {
  const isAuthorizerOutput = 'policyDocument' in object || 'principalId' in object;
  // fromEntries defines own properties, so a `__proto__` key cannot change the copy's prototype.
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => {
      if (isSensitiveKey(key)) return [key, maskWhole(value)];
      if (key === 'context' && isAuthorizerOutput) return [key, maskLeaves(value)];
      return [key, redactUnknown(value)];
    }),
  );
}

function maskWhole(value: unknown): unknown {
  return value === null || value === undefined || value === '' ? value : REDACTED;
}

/** Keeps the shape (an object in a context is itself a finding: API Gateway rejects it) but no values. */
function maskLeaves(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskLeaves);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, maskLeaves(entry)]));
  }
  return maskWhole(value);
}

function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
