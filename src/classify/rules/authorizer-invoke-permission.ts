import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Confidence, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { IAC, addAuthorizerPermissionCommand, authorizerSourceArn, idsOf } from '../fix';
import { ASSUME_ROLE, LAMBDA_PERMISSION } from './helpers';

export const authorizerInvokePermission: Rule = {
  cause: 'authorizer-invoke-permission',
  title: 'API Gateway may not invoke the authorizer Lambda',
  step: 'authorizer',
  explanation:
    'To call a Lambda authorizer, API Gateway needs either a resource-based permission on the function for ' +
    'apigateway.amazonaws.com whose SourceArn covers …/authorizers/<id>, or an authorizer role it can assume ' +
    '(authorizerCredentials). Without one the call fails before the function runs and the client gets 500 ' +
    '{"message": null}. A permission written for methods (…/*/GET/…) does not cover authorizers; recreating the ' +
    'API or the authorizer also invalidates an old SourceArn.',
  check,
};

function check(evidence: Evidence): Finding | undefined {
  const s = signals(evidence);
  const errors = evidence.trace.configurationErrors;
  const permission = errors.find((error) => LAMBDA_PERMISSION.test(error.detail) && error.inAuthorizer);
  const assumeRole = errors.find((error) => ASSUME_ROLE.test(error.detail));
  const authorizerError =
    errors.some((error) => /Authorizer error/i.test(error.detail)) || s.authorizerStarted;

  const configurationAnswer = s.message.kind === 'authorizer-configuration';

  let confidence: Confidence;
  if (assumeRole || (permission && authorizerError)) confidence = 'high';
  else if (configurationAnswer && !s.authorizerInvoked && !evidence.trace.authorizer.result && !permission)
    confidence = 'low';
  else return undefined;

  const role = assumeRole ? ASSUME_ROLE.exec(assumeRole.detail)?.groups?.role : undefined;
  return {
    cause: 'authorizer-invoke-permission',
    confidence,
    summary: role
      ? `API Gateway cannot assume the authorizer's role ${role}.`
      : confidence === 'high'
        ? 'The authorizer function has no permission that lets API Gateway invoke it for this authorizer.'
        : 'API Gateway may not have permission to invoke the authorizer (the client sees the same 500 as for a crashing authorizer).',
    evidence: [
      ...errors.map((error) => error.line.message),
      ...quote(evidence.trace.authorizer.configurationException),
      ...(configurationAnswer && evidence.response?.body
        ? [`Response: ${evidence.response.body.trim()}`]
        : []),
    ],
    checklist: role ? roleChecklist(role) : permissionChecklist(evidence),
    settle:
      confidence === 'high'
        ? undefined
        : [
            'The "Execution failed due to configuration error:" line for this request id, and whether the function\'s log shows an invocation.',
          ],
  };
}

function permissionChecklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: `List the function's resource policy and look for apigateway.amazonaws.com with a SourceArn covering ${authorizerSourceArn(ids)}.`,
      command: `aws lambda get-policy --function-name ${ids.functionName}`,
    },
    {
      text: 'Add the permission for this authorizer (a methods-style SourceArn such as …/*/GET/… does not cover authorizers).',
      command: addAuthorizerPermissionCommand(ids),
      iac: IAC.invokePermission,
    },
  ];
}

function roleChecklist(role: string): ChecklistStep[] {
  const roleName = role.split('/').pop() ?? role;
  return [
    {
      text: `Let API Gateway assume ${roleName}: its trust policy must allow the principal apigateway.amazonaws.com (a Lambda execution role trusts lambda.amazonaws.com only).`,
      command: `aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`,
    },
    { text: 'Give the role lambda:InvokeFunction on the authorizer function.', iac: IAC.authorizerRole },
    { text: 'Or drop authorizerCredentials and use a resource-based permission on the function instead.' },
  ];
}
