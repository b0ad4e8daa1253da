import { authorizerInvokePermission } from '../../../src/classify/rules/authorizer-invoke-permission';
import { testRule } from '../../support/rule-tester';
import {
  ACCOUNT,
  API,
  ARN_PREFIX,
  FUNCTION_ARN,
  LAMBDA_URI,
  REGION,
  TOKEN_AUTHORIZER,
  authorizerRun,
  authorizerUriInvalid,
  cloudwatch,
  evidence,
  functionLog,
  policy,
} from '../../support/evidence';

const ID = 'b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e';
const NULL_500 = '{"message":null}';
const INVALID_PERMISSIONS =
  'Execution failed due to configuration error: Invalid permissions on Lambda function';
const AUTHORIZER_ERROR = 'Execution failed due to configuration error: Authorizer error';
const ROLE = 'arn:aws:iam::770646514888:role/lambda_execution_role_Authorize-Registrations-Lambda';

const AT = Date.parse('2026-11-30T08:00:00Z');

/** The call refused inside a started authorizer run, ending with `last`. */
const refusedInStartedRun = (last: string) =>
  cloudwatch(
    ID,
    `Starting authorizer: auth01 for request: ${ID}`,
    `Sending request to ${LAMBDA_URI}`,
    INVALID_PERMISSIONS,
    last,
  );

testRule(authorizerInvokePermission, {
  matches: [
    {
      name: "the permission line and Authorizer error read with a 200 answer (the trace may be another request's)",
      evidence: evidence({ status: 200, log: cloudwatch(ID, INVALID_PERMISSIONS, AUTHORIZER_ERROR) }),
      confidence: 'medium',
    },
    {
      name: 'the authorizer\'s URI is no valid endpoint ("Invalid endpoint address", then "Authorizer error")',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        log: authorizerUriInvalid(ID),
        config: { restApi: { id: API } },
      }),
      confidence: 'high',
      summary: /its URI is no valid endpoint/,
      checklist: [
        /get-authorizer .*--query authorizerUri/,
        /update-authorizer .*path=\/authorizerUri/,
        /create-deployment/,
      ],
    },
    {
      name: 'the permission line cut short by CloudWatch ("Invalid perm [TRUNCATED]"), then "Authorizer error"',
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          `Endpoint request URI: ${LAMBDA_URI}`,
          'Execution failed due to configuration error: Invalid perm [TRUNCATED]',
          AUTHORIZER_ERROR,
        ),
      }),
      confidence: 'medium',
      summary: /may not have permission to invoke the authorizer/,
    },
    {
      name: 'variant A: "Invalid permissions on Lambda function" then "Authorizer error" (CloudWatch)',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          'Incoming identity: ***************************abc123',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          INVALID_PERMISSIONS,
          AUTHORIZER_ERROR,
          'AuthorizerConfigurationException',
        ),
        config: { authorizer: TOKEN_AUTHORIZER, restApi: { id: API } },
      }),
      confidence: 'high',
      summary: /no permission that lets API Gateway invoke it for this authorizer/,
      evidence_lines: [INVALID_PERMISSIONS, AUTHORIZER_ERROR, `Response: ${NULL_500}`],
      checklist: [
        `aws lambda get-policy --function-name ${FUNCTION_ARN}`,
        `aws lambda add-permission --function-name ${FUNCTION_ARN} --statement-id apigateway-authorizer-auth01 --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:${REGION}:${ACCOUNT}:${API}/authorizers/auth01 --region ${REGION}`,
      ],
    },
    {
      name: 'variant A verbatim from the Knowledge Center (placeholders in the function ARN)',
      evidence: evidence({
        log: [
          'Sending request to https://lambda.region.amazonaws.com/2015-03-31/functions/arn:aws:lambda:region:############:function:example-function/invocations',
          INVALID_PERMISSIONS,
          AUTHORIZER_ERROR,
        ],
      }),
      confidence: 'high',
      checklist: [
        /--source-arn arn:aws:execute-api:<region>:<account-id>:<rest-api-id>\/authorizers\/<authorizer-id>/,
      ],
    },
    {
      name: 'variant A without the "Authorizer error" line, but inside a started authorizer run',
      evidence: evidence({
        log: refusedInStartedRun('AuthorizerConfigurationException'),
      }),
      confidence: 'high',
      checklist: [
        `--source-arn arn:aws:execute-api:${REGION}:${ACCOUNT}:<rest-api-id>/authorizers/auth01`,
        new RegExp(
          `SourceArn's account, ${ACCOUNT}, is the authorizer function's, as the API's was not in the evidence`,
        ),
      ],
    },
    {
      name: "the API's account known (the bot read it), not only the function's: the step names no guess",
      evidence: evidence({
        log: refusedInStartedRun(AUTHORIZER_ERROR),
        request: { accountId: '444455556666' },
      }),
      confidence: 'high',
      checklist: [
        'Add the permission for this authorizer (a methods-style SourceArn such as …/*/GET/… does not cover authorizers).',
        `--source-arn arn:aws:execute-api:${REGION}:444455556666:<rest-api-id>/authorizers/auth01`,
      ],
    },
    {
      name: 'variant B: API Gateway cannot assume the authorizer role (console Test tab, indented first line)',
      evidence: evidence({
        log: [
          `  Wed Jun 07 17:58:56 UTC 2023 : Execution failed due to configuration error: API Gateway does not have permission to assume the provided role ${ROLE}`,
          `Wed Jun 07 17:58:56 UTC 2023 : ${AUTHORIZER_ERROR}`,
          'Wed Jun 07 17:58:56 UTC 2023 : AuthorizerConfigurationException',
        ],
      }),
      confidence: 'high',
      summary: new RegExp(
        `cannot assume the authorizer's role ${ROLE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`,
      ),
      checklist: [
        'aws iam get-role --role-name lambda_execution_role_Authorize-Registrations-Lambda --query Role.AssumeRolePolicyDocument',
        /lambda:InvokeFunction/,
      ],
    },
    {
      name: 'the permission line alone, with nothing that places it (an integration writes the same): low',
      evidence: evidence({ log: cloudwatch(ID, `Sending request to ${LAMBDA_URI}`, INVALID_PERMISSIONS) }),
      confidence: 'low',
      summary: /may not have permission to invoke the authorizer/,
    },
    {
      name: 'the call\'s request line and "Authorizer error" pasted without the line between them (how a refused call begins too): low',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        log: cloudwatch(ID, `Sending request to ${LAMBDA_URI}`, AUTHORIZER_ERROR),
      }),
      confidence: 'low',
    },
    {
      name: 'the client view alone: 500 {"message":null} (as likely a crash; low)',
      evidence: evidence({ status: 500, body: NULL_500, errorType: 'AuthorizerConfigurationException' }),
      confidence: 'low',
      summary: /may not have permission to invoke the authorizer/,
    },
    {
      name: "a 500 AuthorizerConfigurationException while the function's own log shows no invocation: it never ran",
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        request: { time: AT },
        ...functionLog(AT, []),
      }),
      confidence: 'high',
      evidence_lines: [/shows no invocation/],
    },
    {
      name: "only an access-log record (AUTHORIZER_CONFIGURATION_ERROR) while the function's own log is silent",
      evidence: evidence({
        accessLog: { requestId: ID, status: 500, 'error.responseType': 'AUTHORIZER_CONFIGURATION_ERROR' },
        request: { time: AT },
        ...functionLog(AT, []),
      }),
      confidence: 'high',
    },
  ],
  ignores: [
    ...['NONE', 'AWS_IAM', 'COGNITO_USER_POOLS'].map((authorizationType) => ({
      name: `the lone permission line on a method whose authorization is ${authorizationType} (no Lambda authorizer to call)`,
      evidence: evidence({
        status: 500,
        log: cloudwatch(ID, INVALID_PERMISSIONS),
        config: { method: { authorizationType } },
      }),
    })),
    {
      name: 'the lone permission line answered "Internal server error" (an integration failure; the authorizer step answers null)',
      evidence: evidence({
        status: 500,
        body: '{"message": "Internal server error"}',
        log: cloudwatch(ID, INVALID_PERMISSIONS),
      }),
    },
    {
      name: "the permission line after the method's execution started, its end not pasted",
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting execution for request: ${ID}`,
          'HTTP Method: GET, Resource Path: /pets',
          INVALID_PERMISSIONS,
        ),
      }),
    },
    {
      name: 'the integration variant: "Invalid permissions" ending in "Method completed with status: 500"',
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting execution for request: ${ID}`,
          'HTTP Method: GET, Resource Path: /pets',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          INVALID_PERMISSIONS,
          'Method completed with status: 500',
        ),
      }),
    },
    {
      name: 'the integration variant after an authorizer that ran and allowed',
      evidence: evidence({
        status: 500,
        body: '{"message": "Internal server error"}',
        log: [
          ...authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
            principalId: 'u',
            policyDocument: policy('Allow', `${ARN_PREFIX}/prod/*/*`),
          }),
          ...cloudwatch(
            ID,
            `Starting execution for request: ${ID}`,
            'HTTP Method: GET, Resource Path: /pets',
            'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:pets-api/invocations',
            INVALID_PERMISSIONS,
            'Method completed with status: 500',
          ),
        ],
      }),
    },
    {
      name: 'a crashing authorizer (result body present), even with the 500 {"message":null} response',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        log: cloudwatch(
          ID,
          `Sending request to ${LAMBDA_URI}`,
          'Authorizer result body before parsing: null',
          'Execution failed due to configuration error: Could not parse policy',
          'AuthorizerConfigurationException',
        ),
      }),
    },
    {
      name: 'the call sent and "Authorizer error" in a trace read whole, with no permission line between them',
      evidence: evidence({
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          AUTHORIZER_ERROR,
          'AuthorizerConfigurationException',
        ),
      }),
    },
    {
      name: 'a 500 {"message":null} whose access log shows the authorizer Lambda was invoked',
      evidence: evidence({
        status: 500,
        body: NULL_500,
        errorType: 'AuthorizerConfigurationException',
        accessLog: {
          requestId: ID,
          status: 500,
          'error.responseType': 'AUTHORIZER_CONFIGURATION_ERROR',
          'authorizer.integrationStatus': '200',
          'authorizer.requestId': '3f1a2b4c-0d5e-4f60-8a7b-9c0d1e2f3a4b',
        },
      }),
    },
    {
      name: 'a 403 from the authorizer',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource"}',
      }),
    },
    {
      name: "a role API Gateway may not assume, answered with a gateway response that is not an authorizer's",
      evidence: evidence({
        log: cloudwatch(
          ID,
          'Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::111122223333:role/pets-integration-role',
          'Gateway response type: DEFAULT_5XX with status code: 500',
        ),
      }),
    },
    {
      name: 'Invalid permissions in a trace read whole that has no authorizer step',
      evidence: evidence({
        log: cloudwatch(
          ID,
          'Extended Request Id: Kp3xFhWQDoEEXeA=',
          'Sending request to https://lambda.us-east-1.amazonaws.com/x',
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Gateway response type: DEFAULT_5XX with status code: 500',
          'Method completed with status: 500',
        ),
      }),
    },
  ],
});
