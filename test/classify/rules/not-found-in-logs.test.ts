import { notFoundInLogs } from '../../../src/classify/rules/not-found-in-logs';
import { testRule } from '../../support/rule-tester';
import { ACCOUNT, API, REGION, evidence } from '../../support/evidence';
import type { SourceReport } from '../../../src/evidence/types';

const ID = '49a6b913-a965-4f66-a9e1-7b4ccf3b96cc';
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const ACCESS_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:access-logs`;
const START = Date.parse('2024-03-12T10:00:00Z');
const END = Date.parse('2024-03-12T10:30:00Z');
const WEB_ACL =
  'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function searched() {
  return { found: false, logGroups: [GROUP], missingLogGroups: [], window: { start: START, end: END } };
}

function stage(level: string, extra: Record<string, unknown> = {}) {
  return { stageName: 'prod', methodSettings: { '*/*': { loggingLevel: level } }, ...extra };
}

const WHOLE_WINDOW_AT_INFO: SourceReport = { 'execution-log': { read: 'complete', level: 'INFO' } };

testRule(notFoundInLogs, {
  matches: [
    {
      name: 'every group searched over the whole window at INFO, no access log configured: really not there',
      evidence: evidence({
        request: { requestId: ID, region: REGION },
        config: { restApi: { id: API }, stage: stage('INFO') },
        search: searched(),
        sources: WHOLE_WINDOW_AT_INFO,
      }),
      confidence: 'high',
      summary: new RegExp(`Request ${ID} is not in this stage's logs`),
      evidence_lines: [`Searched: ${GROUP}`, 'Window: 2024-03-12T10:00:00Z – 2024-03-12T10:30:00Z'],
    },
    {
      name: "the API's default endpoint disabled: the 403 a call to it gets is named among the reasons",
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        request: { requestId: ID, region: REGION },
        config: { restApi: { id: API, disableExecuteApiEndpoint: true }, stage: stage('INFO') },
        search: searched(),
        sources: WHOLE_WINDOW_AT_INFO,
      }),
      confidence: 'high',
      evidence_lines: [
        `The API's default endpoint is disabled (disableExecuteApiEndpoint): every call to ${API}.execute-api… is answered 403 Forbidden, in every stage. Clients must call through the API's custom domain name.`,
      ],
    },
    {
      name: 'the execution log and the configured access log both searched completely',
      evidence: evidence({
        request: { requestId: ID },
        config: {
          stage: stage('INFO', { webAclArn: WEB_ACL, accessLogSettings: { destinationArn: ACCESS_GROUP } }),
        },
        search: searched(),
        sources: { ...WHOLE_WINDOW_AT_INFO, 'access-log': { read: 'complete' } },
      }),
      confidence: 'high',
      evidence_lines: [`A WAF web ACL is attached (${WEB_ACL}); WAF blocks leave no execution log.`],
    },
    {
      name: 'an access log is configured but was not searched: inconclusive (a WAF block would be there)',
      evidence: evidence({
        request: { requestId: ID },
        config: { stage: stage('INFO', { accessLogSettings: { destinationArn: ACCESS_GROUP } }) },
        search: searched(),
        sources: {
          ...WHOLE_WINDOW_AT_INFO,
          'access-log': { read: 'denied', action: 'logs:FilterLogEvents', resource: ACCESS_GROUP },
        },
      }),
      confidence: 'low',
      summary: /was not found, but the search could not read everything/,
      evidence_lines: [
        `the access log could not be read: AWS denied logs:FilterLogEvents on ${ACCESS_GROUP}`,
      ],
      checklist: [`grant logs:FilterLogEvents on ${ACCESS_GROUP}`],
    },
    {
      name: 'execution logging at ERROR: a 403 may leave no line, so not finding it proves nothing',
      evidence: evidence({
        status: 403,
        body: '{"message":"Forbidden"}',
        request: { requestId: ID, region: REGION },
        config: { restApi: { id: API }, stage: stage('ERROR') },
        search: searched(),
        sources: { 'execution-log': { read: 'complete', level: 'ERROR' } },
      }),
      confidence: 'low',
      evidence_lines: [/Stage execution logging: ERROR \(ERROR omits/],
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
        search: { ...searched(), missingLogGroups: [GROUP] },
        sources: { 'execution-log': { read: 'missing', resource: GROUP } },
      }),
      confidence: 'low',
      summary: /the execution-log group does not exist/,
      evidence_lines: [
        `the execution log does not exist (${GROUP})`,
        'Stage execution logging: OFF',
        'Access logging is off on this stage.',
      ],
    },
    {
      name: 'the account has no CloudWatch role for API Gateway',
      evidence: evidence({
        request: { requestId: ID, accountId: ACCOUNT, restApiId: API, stage: 'prod' },
        config: { account: { cloudwatchRoleArn: null } },
        search: { ...searched(), missingLogGroups: [GROUP] },
        sources: { 'execution-log': { read: 'missing', resource: GROUP } },
      }),
      confidence: 'low',
      evidence_lines: [/no CloudWatch role/],
      checklist: [
        `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:aws:iam::${ACCOUNT}:role/<apigateway-cloudwatch-role>`,
      ],
    },
    {
      name: 'the search stopped early (throttled): the request may be in what was not searched',
      evidence: evidence({
        request: { requestId: ID },
        config: { stage: stage('INFO') },
        search: searched(),
        sources: {
          'execution-log': { read: 'partial', reason: 'throttled by CloudWatch Logs after 40 pages' },
        },
        gaps: ['The stage configuration could not be read (AccessDenied on apigateway:GET).'],
      }),
      confidence: 'low',
      evidence_lines: [
        'the execution log was read only partly: throttled by CloudWatch Logs after 40 pages',
        /could not be read/,
      ],
    },
    {
      name: 'FilterLogEvents denied: nothing was searched, so nothing is concluded',
      evidence: evidence({
        request: { requestId: ID },
        config: { stage: stage('INFO') },
        search: searched(),
        sources: { 'execution-log': { read: 'denied', action: 'logs:FilterLogEvents', resource: GROUP } },
      }),
      confidence: 'low',
      summary: /was not found, but the search could not read everything/,
      checklist: [`grant logs:FilterLogEvents on ${GROUP}`],
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
      name: 'the execution log was silent but the access log holds the request',
      evidence: evidence({
        request: { requestId: ID },
        accessLog: { requestId: ID, status: 403, responseType: 'WAF_FILTERED' },
        search: searched(),
        sources: WHOLE_WINDOW_AT_INFO,
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
