export { AUTHORIZER_OUTPUT_MARKER, redactAuthorizerOutput } from './authorizer-output';
export { isSensitiveKey, isSensitiveQueryKey } from './keys';
export { isAlreadyMasked, REDACTED } from './marker';
export { redactLines, redactText } from './text';
export { redactValue } from './value';
