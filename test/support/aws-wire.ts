import nock from 'nock';
import { exportStage } from '../../src/sandbox/fake-aws/export';
import type { FakeDeployment } from '../../src/sandbox/fake-aws';

/**
 * nock fixtures in AWS's wire formats (aws-wire.md): CloudWatch Logs is awsJson1_1 (`POST /`,
 * told apart by X-Amz-Target), API Gateway is restJson1 with `item`/`position` collections and epoch seconds.
 */

export const REGION = 'eu-west-1';
const LOGS = `https://logs.${REGION}.amazonaws.com`;
const APIGW = `https://apigateway.${REGION}.amazonaws.com`;

export interface WireEvent {
  timestamp: number;
  message: string;
}

type Body = Record<string, unknown>;

/** One FilterLogEvents answer for a group (and, when given, a filter pattern). */
export function filterLogEvents(
  logGroupName: string,
  reply: { events?: WireEvent[]; nextToken?: string; error?: { type: string; message: string } },
  match: (body: Body) => boolean = () => true,
): nock.Scope {
  const scope = nock(LOGS)
    .matchHeader('x-amz-target', 'Logs_20140328.FilterLogEvents')
    .post('/', (body: Body) => body.logGroupName === logGroupName && match(body));
  if (reply.error) return scope.reply(400, { __type: reply.error.type, message: reply.error.message });
  return scope.reply(200, {
    events: filteredEvents(reply.events ?? []),
    searchedLogStreams: [],
    ...(reply.nextToken ? { nextToken: reply.nextToken } : {}),
  });
}

/** Events as FilterLogEvents answers them: in one stream, each ingested 100 ms after its time. */
export function filteredEvents(events: readonly WireEvent[]) {
  return events.map((e, i) => ({
    logStreamName: 'stream-1',
    timestamp: e.timestamp,
    message: e.message,
    ingestionTime: e.timestamp + 100,
    eventId: String(i),
  }));
}

export function describeLogGroups(prefix: string, names: string[]): nock.Scope {
  return nock(LOGS)
    .matchHeader('x-amz-target', 'Logs_20140328.DescribeLogGroups')
    .post('/', (body: Body) => body.logGroupNamePrefix === prefix)
    .reply(200, {
      logGroups: names.map((name) => ({
        logGroupName: name,
        arn: `arn:aws:logs:${REGION}:123456789012:log-group:${name}:*`,
        creationTime: 1_700_000_000_000,
        storedBytes: 1024,
      })),
    });
}

export function apiGateway(path: string, body: unknown, query?: Record<string, string>): nock.Scope {
  const scope = nock(APIGW).get(path);
  return (query ? scope.query(query) : scope).reply(200, body as nock.Body);
}

export function apiGatewayError(path: string, status: number, type: string, message: string): nock.Scope {
  return nock(APIGW).get(path).query(true).reply(status, { message }, { 'x-amzn-errortype': type });
}

/**
 * The five configuration reads of one API and stage, in wire shape: the working copy (REST API, authorizers,
 * resources), the stage, and GetExport of what the stage runs (the working copy as it is, unless `deployed` says
 * what the deployment froze).
 */
export function apiConfiguration(
  restApiId: string,
  stage: string,
  parts: {
    restApi?: Body;
    authorizers?: Body[];
    resources?: Body[];
    stage?: Body;
    deployed?: FakeDeployment;
  },
): void {
  const restApi = {
    id: restApiId,
    name: 'api',
    createdDate: 1_767_225_600,
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: ['REGIONAL'] },
    ...parts.restApi,
  };
  apiGateway(`/restapis/${restApiId}`, restApi);
  apiGateway(`/restapis/${restApiId}/authorizers`, { item: parts.authorizers ?? [] }, { limit: '500' });
  apiGateway(
    `/restapis/${restApiId}/resources`,
    { item: parts.resources ?? [] },
    { embed: 'methods', limit: '500' },
  );
  const stageBody = {
    stageName: stage,
    deploymentId: 'dep1',
    createdDate: 1_767_225_600,
    lastUpdatedDate: 1_767_225_600,
    methodSettings: { '*/*': { loggingLevel: 'INFO', dataTraceEnabled: true } },
    ...parts.stage,
  };
  apiGateway(`/restapis/${restApiId}/stages/${stage}`, stageBody);
  const api = {
    restApi,
    authorizers: parts.authorizers ?? [],
    resources: parts.resources ?? [],
    stages: { [stage]: stageBody },
    ...(parts.deployed ? { deployed: { [String(stageBody.deploymentId)]: parts.deployed } } : {}),
  };
  stageExport(
    restApiId,
    stage,
    exportStage(api, stageBody, {
      exportType: 'oas30',
      extensions: ['apigateway', 'authorizers'],
      region: REGION,
      accountId: '123456789012',
    }),
  );
}

/** GetExport of a stage as OpenAPI 3 with API Gateway's extensions: the raw document, `Accept: application/json`. */
export function stageExport(restApiId: string, stage: string, document: unknown): nock.Scope {
  return nock(APIGW, { reqheaders: { accept: 'application/json' } })
    .get(`/restapis/${restApiId}/stages/${stage}/exports/oas30`)
    .query({ extensions: 'apigateway,authorizers' })
    .reply(200, JSON.stringify(document), { 'content-type': 'application/json' });
}
