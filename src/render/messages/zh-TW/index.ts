import type { TranslationOf } from '../catalog';
import type { en } from '../en';
import { common } from './common';
import { slack } from './slack';
import { aws } from './aws';
import { policy } from './policy';
import { cli } from './cli';
import { drift } from './drift';
import { canary } from './canary';
import { replay } from './replay';
import { doctor } from './doctor';
import { progress } from './progress';
import { apiKeyMissingOrInvalid } from './causes/api-key-missing-or-invalid';
import { authorizerCachedPolicyMismatch } from './causes/authorizer-cached-policy-mismatch';
import { authorizerExplicitDeny } from './causes/authorizer-explicit-deny';
import { authorizerFunctionError } from './causes/authorizer-function-error';
import { authorizerInvokePermission } from './causes/authorizer-invoke-permission';
import { authorizerPolicyNotCoveringResource } from './causes/authorizer-policy-not-covering-resource';
import { authorizerReturnedUnauthorized } from './causes/authorizer-returned-unauthorized';
import { iamAuthFailure } from './causes/iam-auth-failure';
import { identitySourceMissing } from './causes/identity-source-missing';
import { identityValidationRegexMismatch } from './causes/identity-validation-regex-mismatch';
import { missingAuthenticationToken } from './causes/missing-authentication-token';
import { notFoundInLogs } from './causes/not-found-in-logs';
import { other } from './causes/other';
import { privateApiVpceDeny } from './causes/private-api-vpce-deny';
import { resourcePolicyExplicitDeny } from './causes/resource-policy-explicit-deny';
import { resourcePolicyImplicitDeny } from './causes/resource-policy-implicit-deny';
import { wafBlock } from './causes/waf-block';

/**
 * Traditional Chinese (Taiwan): one file per English catalog file, each checked against it, so a missing or
 * extra id is a type error. Written with the terms of AWS's own zh-TW documentation.
 */
export const zhTW = {
  ...common,
  ...progress,
  ...slack,
  ...aws,
  ...policy,
  ...cli,
  ...drift,
  ...canary,
  ...replay,
  ...doctor,
  ...apiKeyMissingOrInvalid,
  ...authorizerCachedPolicyMismatch,
  ...authorizerExplicitDeny,
  ...authorizerFunctionError,
  ...authorizerInvokePermission,
  ...authorizerPolicyNotCoveringResource,
  ...authorizerReturnedUnauthorized,
  ...iamAuthFailure,
  ...identitySourceMissing,
  ...identityValidationRegexMismatch,
  ...missingAuthenticationToken,
  ...notFoundInLogs,
  ...other,
  ...privateApiVpceDeny,
  ...resourcePolicyExplicitDeny,
  ...resourcePolicyImplicitDeny,
  ...wafBlock,
} as const satisfies TranslationOf<typeof en>;
