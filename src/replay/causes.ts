import type { CauseId } from '../evidence/types';

/**
 * Causes a replay of the authorizer can verify the fix of: the authorizer's policy, its rejection or failure, and
 * the identity it is given (a token that now passes the validation regex, a client that now sends it).
 */
export const REPLAY_HELPS: readonly CauseId[] = [
  'authorizer-explicit-deny',
  'authorizer-policy-not-covering-resource',
  'authorizer-cached-policy-mismatch',
  'authorizer-returned-unauthorized',
  'authorizer-function-error',
  'authorizer-invoke-permission',
  'identity-source-missing',
  'identity-validation-regex-mismatch',
];
