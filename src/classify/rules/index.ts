import type { Rule } from '../types';
import { notFoundInLogs } from './not-found-in-logs';
import { privateApiVpceDeny } from './private-api-vpce-deny';
import { wafBlock } from './waf-block';
import { missingAuthenticationToken } from './missing-authentication-token';
import { resourcePolicyExplicitDeny } from './resource-policy-explicit-deny';
import { resourcePolicyImplicitDeny } from './resource-policy-implicit-deny';
import { identitySourceMissing } from './identity-source-missing';
import { identityValidationRegexMismatch } from './identity-validation-regex-mismatch';
import { authorizerCachedPolicyMismatch } from './authorizer-cached-policy-mismatch';
import { authorizerExplicitDeny } from './authorizer-explicit-deny';
import { authorizerPolicyNotCoveringResource } from './authorizer-policy-not-covering-resource';
import { authorizerReturnedUnauthorized } from './authorizer-returned-unauthorized';
import { authorizerFunctionError } from './authorizer-function-error';
import { authorizerInvokePermission } from './authorizer-invoke-permission';
import { iamAuthFailure } from './iam-auth-failure';
import { apiKeyMissingOrInvalid } from './api-key-missing-or-invalid';
import { other } from './other';

/**
 * Every rule, in priority order: when findings have the same confidence, the one listed first wins. The order
 * follows API Gateway's request pipeline (domain.md §2: the earliest step that can stop a request wins), with
 * two deliberate exceptions where both causes stop the request at the same step and one is far more common:
 * - for the client-only 500 {"message": null}, a crashing or malformed authorizer is far more common than a missing
 *   invoke permission, so function errors are listed first;
 * - for an anonymous denial ("User: anonymous is not authorized …") of an API whose endpoint type is unknown, a
 *   private API's refusal of its VPC endpoint is the resource policy's decision too (step 3), and public resource
 *   policies (IP allow-lists) are far more common, so the resource-policy causes are listed before the private API's.
 */
export const allRules = [
  notFoundInLogs,
  resourcePolicyExplicitDeny,
  resourcePolicyImplicitDeny,
  privateApiVpceDeny,
  wafBlock,
  missingAuthenticationToken,
  identitySourceMissing,
  identityValidationRegexMismatch,
  authorizerCachedPolicyMismatch,
  authorizerExplicitDeny,
  authorizerPolicyNotCoveringResource,
  authorizerReturnedUnauthorized,
  authorizerFunctionError,
  authorizerInvokePermission,
  iamAuthFailure,
  apiKeyMissingOrInvalid,
  other,
] as const satisfies readonly Rule[];
