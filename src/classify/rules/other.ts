import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, Finding, Rule } from '../types';
import { quote, signals } from '../signals';
import { idsOf } from '../fix';
import { LAMBDA_PERMISSION, responseLine } from './helpers';

export const other: Rule = {
  cause: 'other',
  title: 'Not an API Gateway authorization failure',
  step: 'integration',
  explanation:
    "The request failed for a reason outside API Gateway's authorization steps: the backend itself answered 403, " +
    'the integration (not the authorizer) lacks permission, the client was throttled, or CloudFront rejected the ' +
    'call at the edge. Changing authorizers or policies will not help.',
  check,
};

interface Outside {
  summary: string;
  evidence: string[];
  checklist: ChecklistStep[];
}

function check(evidence: Evidence): Finding | undefined {
  const outside =
    backendPassThrough(evidence) ??
    integrationPermission(evidence) ??
    throttled(evidence) ??
    edgeRejection(evidence);
  if (!outside) return undefined;
  return { cause: 'other', confidence: 'high', ...outside };
}

function backendPassThrough(evidence: Evidence): Outside | undefined {
  const { integrationStatus, finalStatus } = evidence.trace;
  if (!integrationStatus || integrationStatus.status !== 403) return undefined;
  return {
    summary:
      'The backend answered 403 and API Gateway passed it through: the authorization steps of API Gateway allowed the call.',
    evidence: [...quote(integrationStatus.line), ...quote(finalStatus?.line)],
    checklist: [
      {
        text: "Look at the backend's own logs and authorization (the integration's response body is in the execution log with data tracing).",
      },
    ],
  };
}

function integrationPermission(evidence: Evidence): Outside | undefined {
  const { trace } = evidence;
  const permission = trace.configurationErrors.find(
    (error) => LAMBDA_PERMISSION.test(error.detail) && !error.inAuthorizer,
  );
  if (!permission || trace.configurationErrors.some((e) => /Authorizer error/i.test(e.detail)))
    return undefined;

  const ids = idsOf(evidence);
  return {
    summary:
      "API Gateway may not invoke the integration's Lambda function (not the authorizer): 500 Internal server error.",
    evidence: [...quote(permission.line), ...quote(trace.finalStatus?.line)],
    checklist: [
      {
        text: 'Add a resource-based permission on the integration function for apigateway.amazonaws.com with a SourceArn covering the method.',
        command: `aws lambda add-permission --function-name <integration-function> --statement-id apigateway-invoke --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/*/*/*`,
      },
    ],
  };
}

function throttled(evidence: Evidence): Outside | undefined {
  const s = signals(evidence);
  if (s.status !== 429 && s.message.kind !== 'throttled') return undefined;
  return {
    summary:
      'The request was throttled (429): a usage-plan quota or a stage, method or account rate limit, not an authorization failure.',
    evidence: responseLine(evidence),
    checklist: [
      {
        text: "Check the usage plan's throttle and quota, the stage's method throttling, and the account's API Gateway rate limit.",
      },
    ],
  };
}

function edgeRejection(evidence: Evidence): Outside | undefined {
  if (signals(evidence).message.kind !== 'cloudfront') return undefined;
  return {
    summary: 'CloudFront rejected the call with an HTML page before it reached API Gateway.',
    evidence: responseLine(evidence),
    checklist: [
      {
        text: 'Check the URL and Host header (edge-optimized APIs and custom domains), the HTTP method, and any CloudFront distribution in front of the API.',
      },
    ],
  };
}
