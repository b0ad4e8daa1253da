import { identityValidationRegexMismatch } from '../../../src/classify/rules/identity-validation-regex-mismatch';
import { testRule } from '../../support/rule-tester';
import { API, LAMBDA_URI, TOKEN_AUTHORIZER, cloudwatch, evidence } from '../../support/evidence';

const ID = 'f0a1b2c3-d4e5-4f60-9a7b-8c9d0e1f2a3b';
const UNAUTHORIZED = '{"message":"Unauthorized"}';
const BEARER_REGEX = '^Bearer [-0-9a-zA-Z._]+$';
const WITH_REGEX = { ...TOKEN_AUTHORIZER, identityValidationExpression: BEARER_REGEX };
const TWO_LINES = cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`);

/** A 401's access-log record, the stage logging nothing else (its execution log off), as scan API_ID reads one. */
const UNAUTHORIZED_RECORD = {
  requestId: ID,
  status: '401',
  'error.responseType': 'UNAUTHORIZED',
  'error.message': 'Unauthorized',
  httpMethod: 'GET',
  resourcePath: '/pets',
};
const NO_CALL_FIELDS = {
  'authorizer.latency': '-',
  'authorizer.status': '-',
  'authorizer.requestId': '-',
  'authorizer.integrationStatus': '-',
  'authorizer.principalId': '-',
};
const ACCESS_LOG_ONLY = {
  'execution-log': { read: 'not-configured', reason: 'execution logging is off' },
  'access-log': { read: 'complete' },
} as const;

testRule(identityValidationRegexMismatch, {
  matches: [
    {
      name: 'a TOKEN authorizer expecting "Bearer …", the two-line trace, no Lambda call',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        errorType: 'UnauthorizedException',
        log: TWO_LINES,
        config: { authorizer: WITH_REGEX, restApi: { id: API }, stage: { stageName: 'prod' } },
      }),
      confidence: 'medium',
      summary: /may not match its validation regex \^Bearer \[-0-9a-zA-Z\._\]\+\$/,
      evidence_lines: [`Unauthorized request: ${ID}`, `Validation regex: ${BEARER_REGEX}`],
      checklist: [
        `node -e 'console.log(new RegExp(process.argv[1]).test(process.argv[2]))' '${BEARER_REGEX}' 'Bearer eyJhbGciOi.x.y'`,
        `create-deployment --rest-api-id ${API} --stage-name prod`,
      ],
    },
    {
      name: 'client response only, TOKEN authorizer with a regex: low, a regex only makes the cause possible',
      evidence: evidence({ status: 401, body: UNAUTHORIZED, config: { authorizer: WITH_REGEX } }),
      confidence: 'low',
    },
    {
      name: 'a Cognito authorizer, whose regex is matched against the token audience',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        config: {
          authorizer: {
            id: 'cog001',
            name: 'users',
            type: 'COGNITO_USER_POOLS',
            providerARNs: ['arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_AbCdEfGhI'],
            identitySource: 'method.request.header.Authorization',
            identityValidationExpression: '^5a6b7c8d9e0f1a2b3c4d5e6f7a$',
          },
        },
      }),
      confidence: 'low',
    },
    {
      name: 'a bare 401 with no configuration (the reporter first blamed Lambda permissions)',
      evidence: evidence({ status: 401 }),
      confidence: 'low',
      summary: /^If it is a TOKEN authorizer with a validation regex, the token may not have matched it/,
      checklist: [/Read the authorizer's identityValidationExpression/],
    },
    {
      name: "the Knowledge Center's two lines without configuration",
      evidence: evidence({
        log: ['Extended Request Id: MY92nHDwwwIdGxzR=', 'Unauthorized request: <request-id>'],
      }),
      confidence: 'medium',
    },
    {
      name: 'an access-log record alone whose format does not log the authorizer fields: low, nothing tells the three 401s apart',
      evidence: evidence({
        accessLog: UNAUTHORIZED_RECORD,
        config: { authorizer: WITH_REGEX },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'low',
    },
    {
      name: 'the same with the Lambda call fields logged as "-": medium, the call was not recorded',
      evidence: evidence({
        accessLog: { ...UNAUTHORIZED_RECORD, ...NO_CALL_FIELDS },
        config: { authorizer: WITH_REGEX },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'medium',
      summary: /^The token may not have matched .*Whether the authorizer ran is not proven\.$/,
      evidence_lines: [
        /^The access log records no call of the authorizer's Lambda: \$context\.authorizer\.requestId, \$context\.authorizer\.integrationStatus, \$context\.authorizer\.latency, \$context\.authorizer\.status are "-" \(not set\)/,
      ],
    },
    {
      name: 'only the principal logged as "-" (an Unauthorized Lambda names none either): low',
      evidence: evidence({
        accessLog: { ...UNAUTHORIZED_RECORD, 'authorizer.principalId': '-' },
        config: { authorizer: WITH_REGEX },
        sources: ACCESS_LOG_ONLY,
      }),
      confidence: 'low',
    },
  ],
  ignores: [
    {
      name: 'a REQUEST authorizer: the regex does not apply',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: TWO_LINES,
        config: {
          authorizer: {
            ...TOKEN_AUTHORIZER,
            type: 'REQUEST',
            identitySource: 'method.request.header.Authorization',
            identityValidationExpression: BEARER_REGEX,
          },
        },
      }),
    },
    {
      name: 'a TOKEN authorizer without identityValidationExpression',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: TWO_LINES,
        config: { authorizer: TOKEN_AUTHORIZER },
      }),
    },
    {
      name: 'the Lambda ran (the authorizer itself said Unauthorized)',
      evidence: evidence({
        status: 401,
        body: UNAUTHORIZED,
        log: cloudwatch(
          ID,
          `Starting authorizer: auth01 for request: ${ID}`,
          'Incoming identity: ***************************abc123',
          `Endpoint request URI: ${LAMBDA_URI}`,
          `Sending request to ${LAMBDA_URI}`,
          `Unauthorized request: ${ID}`,
          'Unauthorized',
        ),
        config: { authorizer: WITH_REGEX },
      }),
    },
    {
      name: 'the access log shows an authorizer invocation',
      evidence: evidence({
        accessLog: {
          requestId: ID,
          status: 401,
          'error.responseType': 'UNAUTHORIZED',
          'authorizer.integrationStatus': '200',
          'authorizer.requestId': '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
        },
      }),
    },
    {
      name: 'a 403 explicit deny',
      evidence: evidence({
        status: 403,
        body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
        config: { authorizer: WITH_REGEX },
      }),
    },
  ],
});
