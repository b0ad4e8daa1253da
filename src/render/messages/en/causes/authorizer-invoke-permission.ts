export const authorizerInvokePermission = {
  'authorizer-invoke-permission.title': 'API Gateway may not invoke the authorizer Lambda',
  'authorizer-invoke-permission.explanation':
    'To call a Lambda authorizer, API Gateway needs either a resource-based permission on the function for ' +
    'apigateway.amazonaws.com whose SourceArn covers …/authorizers/<id>, or an authorizer role it can assume ' +
    `(authorizerCredentials). Without one the call fails before the function runs and the client gets 500 '{"message": null}'. ` +
    'A permission written for methods (…/*/GET/…) does not cover authorizers; recreating the ' +
    'API or the authorizer also invalidates an old SourceArn.',
  'authorizer-invoke-permission.summary.role': "API Gateway cannot assume the authorizer's role {role}.",
  'authorizer-invoke-permission.summary.uri':
    "API Gateway cannot call the authorizer: its URI is no valid endpoint ('Invalid endpoint address'), so the function never ran.",
  'authorizer-invoke-permission.fix.read-uri':
    "Read the authorizer's URI: it must be arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations, with the function's own region (not a placeholder such as 'region').",
  'authorizer-invoke-permission.fix.write-uri': "Write the function's invoke URI into the authorizer.",
  'authorizer-invoke-permission.summary.permission':
    'The authorizer function has no permission that lets API Gateway invoke it for this authorizer.',
  'authorizer-invoke-permission.summary.possible':
    'API Gateway may not have permission to invoke the authorizer (the client sees the same 500 as for a crashing authorizer).',
  'authorizer-invoke-permission.settle.configuration-line':
    'The whole trace around the "Execution failed due to configuration error:" line: followed by "Authorizer error" it is the authorizer; ' +
    'followed by "Method completed with status: 500" after the integration started, it is the integration. And whether the function\'s log shows an invocation.',
  'authorizer-invoke-permission.fix.get-policy':
    "List the function's resource policy and look for apigateway.amazonaws.com with a SourceArn covering {sourceArn}.",
  'authorizer-invoke-permission.fix.add-permission':
    'Add the permission for this authorizer (a methods-style SourceArn such as …/*/GET/… does not cover authorizers).',
  'authorizer-invoke-permission.fix.add-permission.function-account':
    'Add the permission for this authorizer (a methods-style SourceArn such as …/*/GET/… does not cover authorizers). ' +
    "The SourceArn's account, {accountId}, is the authorizer function's, as the API's was not in the evidence: if the API lives in another account, put the API's there.",
  'authorizer-invoke-permission.fix.role-trust':
    'Let API Gateway assume {role}: its trust policy must allow the principal apigateway.amazonaws.com (a Lambda execution role trusts lambda.amazonaws.com only).',
  'authorizer-invoke-permission.fix.role-invoke':
    'Give the role lambda:InvokeFunction on the authorizer function.',
  'authorizer-invoke-permission.fix.drop-role':
    'Or drop authorizerCredentials and use a resource-based permission on the function instead.',
} as const;
