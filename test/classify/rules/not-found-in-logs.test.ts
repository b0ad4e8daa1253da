import { notFoundInLogs } from '../../../src/classify/rules/not-found-in-logs';
import { testRule } from '../../support/rule-tester';
import { ACCOUNT, API, REGION, evidence } from '../../support/evidence';

const ID = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const START = Date.parse('2024-03-12T10:00:00Z');
const END = Date.parse('2024-03-12T10:30:00Z');
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function searched(extra: { missingLogGroups?: string[]; partial?: string } = {}) {
  return {
    found: false,
    logGroups: [GROUP],
    missingLogGroups: extra.missingLogGroups ?? [],
    window: { start: START, end: END },
    ...(extra.partial ? { partial: extra.partial } : {}),
  };
}

testRule(notFoundInLogs, {
  matches: [
    {
      name: 'the request id is not in the stage log group, and execution logging is at ERROR',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        request: { requestId: ID, region: REGION },
        config: {
          restApi: { id: API },
          stage: {
            stageName: 'prod',
            methodSettings: { '*/*': { loggingLevel: 'ERROR', dataTraceEnabled: false } },
            accessLogSettings: {
              destinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:access-logs`,
              format: '{}',
            },
          },
        },
        search: searched(),
      }),
      confidence: 'high',
      summary: new RegExp(`Request ${ID} is not in the execution logs searched\\.$`),
      evidence_lines: [
        `Searched: ${GROUP}`,
        'Window: 2024-03-12T10:00:00Z – 2024-03-12T10:30:00Z',
        /Stage execution logging: ERROR \(ERROR omits/,
      ],
      checklist: [
        `aws apigateway update-stage --rest-api-id ${API} --stage-name prod --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO`,
        /Cost note/,
        /\$context\.error\.responseType/,
      ],
    },
    {
      name: 'the execution-log group does not exist (logging never wrote for this stage)',
      evidence: evidence({
        request: { requestId: ID },
        config: { restApi: { id: API }, stage: { stageName: 'prod' } },
        search: searched({ missingLogGroups: [GROUP] }),
      }),
      confidence: 'high',
      summary: /the execution-log group does not exist/,
      evidence_lines: [
        `Log group missing: ${GROUP}`,
        'Stage execution logging: OFF',
        'Access logging is off on this stage.',
      ],
    },
    {
      name: 'the account has no CloudWatch role for API Gateway',
      evidence: evidence({
        request: { requestId: ID, accountId: ACCOUNT, restApiId: API, stage: 'prod' },
        config: { account: { cloudwatchRoleArn: null } },
        search: searched({ missingLogGroups: [GROUP] }),
      }),
      confidence: 'high',
      evidence_lines: [/no CloudWatch role/],
      checklist: [
        `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::${ACCOUNT}:role/<apigateway-cloudwatch-role>`,
      ],
    },
    {
      name: 'the search stopped early (throttled): not certain, the request may be in what was not searched',
      evidence: evidence({
        request: { requestId: ID },
        search: searched({ partial: 'throttled by CloudWatch Logs after 40 pages' }),
        gaps: ['The stage configuration could not be read (AccessDenied on apigateway:GET).'],
      }),
      confidence: 'medium',
      summary: /\(the search stopped early\)/,
      evidence_lines: ['Partial search: throttled by CloudWatch Logs after 40 pages', /could not be read/],
    },
    {
      name: 'a WAF web ACL on the stage could have stopped the request before any execution log',
      evidence: evidence({
        request: { requestId: ID },
        config: {
          stage: {
            stageName: 'prod',
            webAclArn: WEB_ACL,
            methodSettings: { '*/*': { loggingLevel: 'INFO' } },
          },
        },
        search: searched(),
      }),
      confidence: 'high',
      evidence_lines: [`A WAF web ACL is attached (${WEB_ACL}); WAF blocks leave no execution log.`],
    },
  ],
  ignores: [
    {
      name: 'the search found the request',
      evidence: evidence({
        request: { requestId: ID },
        search: { found: true, logGroups: [GROUP], missingLogGroups: [], window: { start: START, end: END } },
      }),
    },
    {
      name: 'pasted evidence with no log search at all',
      evidence: evidence({ status: 403, body: '{"message":"Forbidden"}' }),
    },
    {
      name: 'pasted execution-log lines and no search',
      evidence: evidence({
        log: [`(${ID}) Extended Request Id: MY92nHDwwwIdGxzR=`, `(${ID}) Unauthorized request: ${ID}`],
      }),
    },
  ],
});
