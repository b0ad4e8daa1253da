import type { Evidence, LogLine } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { held, quote, signals } from '../signals';
import {
  gatewayResponsesCommand,
  getIntegrationUriCommand,
  idsOf,
  roleNameOf,
  roleTrustPolicyCommand,
} from '../fix';
import {
  ASSUME_ROLE,
  INVALID_ENDPOINT,
  answered401,
  authorizerErrorLogged,
  cognitoAuthorizer,
  integrationCallError,
  integrationCallLine,
  responseLine,
} from './helpers';
import { msg, type Text } from '../../text';
import { methodScopes } from '../facts';
import { partitionOfRegion } from '../../evidence/assemble';

/**
 * other: a failure outside API Gateway's authorization steps. Decisive: the integration answered 401 or 403 and it
 * was passed through ("Received response. Status: 403", or the access log's integration status with no gateway
 * error); a line saying API Gateway could not call the integration (no permission, a role it may not assume, an
 * invalid URI), placed in the integration step (helpers.ts: integrationCallError); a 429; CloudFront's HTML page;
 * another AWS service's own error document (S3's XML, DynamoDB's `__type`…); a 401 from a Cognito user-pool
 * authorizer (outside the taxonomy, domain.md §7) with no authorizer Lambda call seen. Supporting: an HTML page with
 * signs that the gateway or its WAF answered (a customised or WAF custom response); another server's HTML page (not
 * CloudFront's), written in front of the API or behind it. That line without what places it
 * makes the integration a candidate (low) beside the authorizer, which writes the same line without its "Authorizer
 * error" line.
 */

interface Outside {
  summary: Text;
  evidence: Text[];
  checklist: ChecklistStep[];
  title?: Text;
  explanation?: Text;
  settle?: Text[];
}

const backendPassThrough: Signal = {
  id: 'backend-answer-passed-through',
  holds: (evidence) => passedThroughStatus(evidence) !== undefined,
};

/**
 * The 401 or 403 the integration answered and the client got: the gateway's own authorization steps, which all come
 * before the integration, let the call through. The trace's 403 counts whatever the client got (a mapping may
 * change it); an access log counts only when it records no gateway error for the request.
 */
function passedThroughStatus(evidence: Evidence): number | undefined {
  const final = signals(evidence).status;
  const traced = evidence.trace.integrationStatus?.status;
  if (traced === 403 || (traced === 401 && final === 401)) return traced;
  const log = evidence.accessLog;
  const logged = log?.integrationStatus;
  const gatewayError = log?.errorMessage ?? log?.responseType ?? log?.authorizerError;
  if ((logged === 401 || logged === 403) && final === logged && gatewayError === undefined) return logged;
  return undefined;
}

/**
 * The trace shows the integration's answer, and the request still failed: every authorization step comes before the
 * integration is called, so what failed is the integration or the mapping of its answer (an output mapping to a
 * method response that does not exist, a malformed Lambda proxy response…). A 401 or 403 the integration answered
 * itself is `backendPassThrough`.
 */
const failedAfterIntegrationAnswered: Signal = {
  id: 'failed-after-integration-answered',
  holds: (evidence) => {
    const final = signals(evidence).status;
    return (
      evidence.trace.integrationAnswered !== undefined &&
      final !== undefined &&
      final >= 400 &&
      passedThroughStatus(evidence) === undefined &&
      !authorizationRefusalLogged(evidence.trace)
    );
  },
};

/**
 * A line of an authorization step refusing or failing the request. One request never both fails authorization and
 * reaches its integration: a trace holding both mixes two requests' lines (an export whose lines carry no id).
 */
function authorizationRefusalLogged(trace: Evidence['trace']): boolean {
  const refusal =
    trace.clientNotAuthorized ??
    trace.authorizer.unauthorizedRequest ??
    trace.authorizer.configurationException ??
    trace.apiKeyRejected ??
    trace.principalDenial;
  return refusal !== undefined || authorizerErrorLogged(trace);
}

/**
 * Gateway responses API Gateway chooses only outside authorization (its guide, "Gateway response types"): the
 * integration failed, timed out or is misconfigured, the request validator refused the request, or the request was
 * too large or of a type the API does not take.
 */
const OUTSIDE_AUTHORIZATION = new Set([
  'API_CONFIGURATION_ERROR',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'BAD_REQUEST_BODY',
  'BAD_REQUEST_PARAMETERS',
  'REQUEST_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
]);

const gatewayResponseOutside: Signal = {
  id: 'gateway-response-outside-authorization',
  holds: (evidence) => OUTSIDE_AUTHORIZATION.has(signals(evidence).responseType ?? ''),
};

/** Nothing but a Cognito user pool's token check answers 401 on its method: no Lambda, no IAM, no backend reached. */
const cognitoRefusedToken: Signal = {
  id: 'cognito-authorizer-answered-401',
  holds: (evidence) => {
    const s = signals(evidence);
    const unauthorizedAnswer = s.message.kind === 'unauthorized' || s.message.kind === 'none';
    // Cognito calls no Lambda: a trace or record showing an authorizer's call is not its (the method read may not
    // be the one deployed).
    return (
      cognitoAuthorizer(evidence) &&
      !s.authorizerInvoked &&
      answered401(evidence) &&
      unauthorizedAnswer &&
      evidence.trace.integrationStatus === undefined
    );
  },
};

/**
 * `The incoming token has expired` is the answer of a Cognito user-pool authorizer alone (a Lambda authorizer's 401
 * says only Unauthorized), whatever the method read says: no Lambda called, no backend reached.
 */
const expiredUserPoolToken: Signal = {
  id: 'cognito-expired-token-answer',
  holds: (evidence) => {
    const s = signals(evidence);
    return (
      s.message.kind === 'expired-user-pool-token' &&
      (s.status === undefined || s.status === 401) &&
      !s.authorizerInvoked &&
      evidence.trace.integrationStatus === undefined
    );
  },
};

const integrationCallPlaced: Signal = {
  id: 'integration-call-error-placed',
  holds: (evidence) => integrationCallError(evidence) !== undefined,
};

/** What API Gateway's own throttling and usage-plan quota answers carry in `x-amzn-ErrorType`. */
const THROTTLING_TYPES = ['TooManyRequestsException', 'LimitExceededException'];

function throttledAnswer(evidence: Evidence): boolean {
  const s = signals(evidence);
  return s.status === 429 || s.message.kind === 'throttled';
}

const throttled: Signal = {
  id: 'throttled-429',
  holds: (evidence) => {
    const errorType = evidence.response?.errorType;
    return throttledAnswer(evidence) && (errorType === undefined || THROTTLING_TYPES.includes(errorType));
  },
};

/** A 429 whose `x-amzn-ErrorType` names a refusal (a WAF rule's custom status, say): throttling, less sure. */
const throttledAsRefusal: Signal = {
  id: 'status-429-with-refusal-error-type',
  holds: (evidence) => throttledAnswer(evidence) && !throttled.holds(evidence),
};

/** API Gateway's own answers are JSON with a `message`: an AWS service's error document is that service's answer. */
const serviceAnswered: Signal = {
  id: 'aws-service-error-document',
  holds: (evidence) => signals(evidence).message.kind === 'service-error',
};

/** A Lambda function URL answered: the request never reached API Gateway. */
const functionUrlAnswered: Signal = {
  id: 'lambda-function-url-answer',
  holds: (evidence) => signals(evidence).message.kind === 'function-url',
};

/** CloudFront's own error page, with no sign that API Gateway answered. */
const edgeRejected: Signal = {
  id: 'cloudfront-html-answer',
  holds: (evidence) =>
    signals(evidence).message.kind === 'cloudfront' && !apiGatewayMayHaveAnswered(evidence),
};

/**
 * Another HTML page with no sign that API Gateway answered: its own answers are JSON, so a server in front of it or
 * the backend behind it wrote the page, and nothing read tells which (nor rules out a gateway response made HTML).
 */
const htmlPageOfAnotherServer: Signal = {
  id: 'html-page-of-another-server',
  holds: (evidence) => signals(evidence).message.kind === 'html' && !apiGatewayMayHaveAnswered(evidence),
};

/**
 * An HTML page read with signs that API Gateway or the stage's WAF produced it: an `x-amzn-ErrorType` (CloudFront
 * and proxies set none), a gateway response or WAF field in the access log, a web ACL on the stage (a WAF custom
 * response is often an HTML page). A customised gateway response can be HTML too.
 */
const htmlAnswerFromGateway: Signal = {
  id: 'html-answer-with-gateway-signs',
  holds: (evidence) => isHtmlPage(evidence) && apiGatewayMayHaveAnswered(evidence),
};

function isHtmlPage(evidence: Evidence): boolean {
  const { kind } = signals(evidence).message;
  return kind === 'cloudfront' || kind === 'html';
}

function apiGatewayMayHaveAnswered(evidence: Evidence): boolean {
  const log = evidence.accessLog;
  return (
    evidence.response?.errorType !== undefined ||
    signals(evidence).responseType !== undefined ||
    Boolean(log?.wafStatus || log?.wafResponseCode || log?.webAclArn) ||
    Boolean(evidence.config.stage?.webAclArn)
  );
}

export const other: Rule = {
  cause: 'other',
  step: 'integration',
  decisive: [
    backendPassThrough,
    failedAfterIntegrationAnswered,
    gatewayResponseOutside,
    integrationCallPlaced,
    throttled,
    edgeRejected,
    serviceAnswered,
    cognitoRefusedToken,
    expiredUserPoolToken,
    functionUrlAnswered,
  ],
  supporting: [htmlAnswerFromGateway, htmlPageOfAnotherServer, throttledAsRefusal],
  contradicting: [],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  if (held(fired, backendPassThrough)) return passThrough(evidence);
  if (held(fired, failedAfterIntegrationAnswered) && !integrationCallLine(evidence))
    return afterIntegration(evidence);
  if (held(fired, gatewayResponseOutside) && !integrationCallLine(evidence)) return outsideResponse(evidence);
  if (integrationCallLine(evidence)) return integrationFunction(evidence);
  if (held(fired, throttled) || held(fired, throttledAsRefusal)) return throttling(evidence);
  if (held(fired, edgeRejected)) return edge(evidence);
  if (held(fired, htmlAnswerFromGateway)) return htmlFromGateway(evidence);
  if (held(fired, htmlPageOfAnotherServer)) return htmlOfAnotherServer(evidence);
  if (held(fired, serviceAnswered)) return serviceError(evidence);
  if (held(fired, expiredUserPoolToken)) return expiredToken(evidence);
  if (held(fired, functionUrlAnswered)) return functionUrl(evidence);
  if (held(fired, cognitoRefusedToken)) return cognito(evidence);
  return undefined;
}

function passThrough(evidence: Evidence): Outside {
  const { integrationStatus, finalStatus } = evidence.trace;
  const status = passedThroughStatus(evidence) ?? 403;
  const logged = integrationStatus ? [] : [msg('evidence.integration-status', { status })];
  return {
    summary: msg('other.summary.backend', { status }),
    evidence: [...quote(integrationStatus?.line), ...quote(finalStatus?.line), ...logged],
    checklist: [{ text: msg('other.fix.backend') }],
  };
}

function integrationFunction(evidence: Evidence): Outside {
  const line = integrationCallLine(evidence);
  const role = line ? ASSUME_ROLE.exec(line.detail)?.groups?.role : undefined;
  if (line && role) return integrationRole(evidence, line.line, role);
  if (line && INVALID_ENDPOINT.test(line.detail)) return integrationUri(evidence, line.line);
  const ids = idsOf(evidence);
  return {
    summary: msg('other.summary.integration-permission'),
    evidence: [...quote(line?.line), ...quote(evidence.trace.finalStatus?.line)],
    checklist: [
      {
        text: msg('other.fix.integration-permission'),
        command: `aws lambda add-permission --function-name <integration-function> --statement-id apigateway-invoke --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:${partitionOfRegion(ids.region)}:execute-api:${ids.region ?? '<region>'}:${ids.accountId}:${ids.restApiId}/*/*/*`,
      },
    ],
  };
}

/** The integration's URI is no endpoint API Gateway can call. */
function integrationUri(evidence: Evidence, line: LogLine): Outside {
  return {
    summary: msg('other.summary.integration-uri'),
    evidence: [...quote(line), ...quote(evidence.trace.finalStatus?.line)],
    checklist: [
      {
        text: msg('other.fix.integration-uri'),
        command: getIntegrationUriCommand(idsOf(evidence), evidence.trace.method?.httpMethod),
      },
    ],
  };
}

/** The role the integration runs with (its credentials) does not trust API Gateway. */
function integrationRole(evidence: Evidence, line: LogLine, role: string): Outside {
  const roleName = roleNameOf(role);
  return {
    summary: msg('other.summary.integration-role', { role }),
    evidence: [...quote(line), ...quote(evidence.trace.gatewayResponse?.line)],
    checklist: [
      {
        text: msg('other.fix.integration-role', { role: roleName }),
        command: roleTrustPolicyCommand(roleName),
      },
    ],
  };
}

function throttling(evidence: Evidence): Outside {
  return {
    summary: msg('other.summary.throttled'),
    evidence: responseLine(evidence),
    checklist: [{ text: msg('other.fix.throttled') }],
  };
}

function edge(evidence: Evidence): Outside {
  return {
    summary: msg('other.summary.edge'),
    evidence: responseLine(evidence),
    checklist: [
      ...(CLOUDFRONT_WAF_BLOCK.test(evidence.response?.body ?? evidence.response?.message ?? '')
        ? [{ text: msg('other.fix.edge-waf'), command: CLOUDFRONT_WEB_ACLS }]
        : []),
      { text: msg('other.fix.edge') },
    ],
  };
}

function htmlFromGateway(evidence: Evidence): Outside {
  return {
    summary: msg('other.summary.html-gateway'),
    evidence: responseLine(evidence),
    checklist: [
      {
        text: msg('other.fix.html-gateway'),
        command: gatewayResponsesCommand(idsOf(evidence)),
      },
    ],
  };
}

function htmlOfAnotherServer(evidence: Evidence): Outside {
  const { message } = signals(evidence);
  const server = message.kind === 'html' ? message.server : undefined;
  return {
    summary: msg('other.summary.html', { server: server ?? 'none' }),
    evidence: responseLine(evidence),
    checklist: [
      ...(server ? [{ text: msg('other.fix.html-server', { server }) }] : []),
      { text: msg('other.fix.html-origin') },
    ],
  };
}

/** CloudFront's default page when a web ACL on the distribution blocks a request (`403 ERROR … Request blocked.`). */
const CLOUDFRONT_WAF_BLOCK = /\bRequest blocked\./;
/** A distribution's web ACLs live in us-east-1, under the CLOUDFRONT scope, whatever the API's region. */
const CLOUDFRONT_WEB_ACLS = 'aws wafv2 list-web-acls --scope CLOUDFRONT --region us-east-1';

/** A Cognito authorizer's refusal is an authorization step, though no policy decides it: not the cause's usual words. */
const COGNITO_REFUSAL = { title: msg('other.title.cognito'), explanation: msg('other.explanation.cognito') };

function cognito(evidence: Evidence): Outside {
  const source = evidence.config.authorizer?.identitySource ?? 'method.request.header.Authorization';
  return {
    ...COGNITO_REFUSAL,
    summary: msg('other.summary.cognito'),
    evidence: [
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      msg('evidence.method-authorization', { authorization: 'COGNITO_USER_POOLS' }),
    ],
    checklist: [
      { text: msg('other.fix.cognito-token', { source }) },
      { text: msg('other.fix.cognito-pool') },
      ...scopeSteps(evidence, msg('other.fix.cognito-scopes')),
    ],
    ...scopeSettle(evidence),
  };
}

/**
 * The scopes step of a Cognito refusal: the method's own scopes when they were read, nothing when it is known to list
 * none (any valid token of the pools passes that check), else `unknown`, the step that says what to look for.
 */
function scopeSteps(evidence: Evidence, unknown?: Text): ChecklistStep[] {
  const scopes = methodScopes(evidence.config.method);
  if (scopes === undefined) return unknown ? [{ text: unknown }] : [];
  if (scopes.length === 0) return [];
  const listed = { text: msg('other.fix.cognito-scopes-listed', { scopes: scopes.join(', ') }) };
  // A Cognito authorizer matches its validation expression against the token's aud, which an access token lacks
  // (API Gateway's Cognito guide): scopes, which require an access token, then leave no token that can pass.
  const { authorizer } = evidence.config;
  const regex =
    authorizer?.type === 'COGNITO_USER_POOLS' ? authorizer.identityValidationExpression : undefined;
  return regex ? [{ text: msg('other.fix.cognito-regex-with-scopes', { regex }) }, listed] : [listed];
}

/**
 * Scopes on the method make a wrong kind of token one more way to be refused, not the proven one: an expired token,
 * or one of another pool, is answered the same 401. Only the token's own claims tell them apart.
 */
function scopeSettle(evidence: Evidence): Pick<Outside, 'settle'> {
  const scopes = methodScopes(evidence.config.method);
  if (!scopes || scopes.length === 0) return {};
  return { settle: [msg('other.settle.cognito-scopes', { scopes: scopes.join(', ') })] };
}

function afterIntegration(evidence: Evidence): Outside {
  const answered = evidence.trace.integrationAnswered;
  return {
    summary: msg('other.summary.after-integration', { status: signals(evidence).status ?? '' }),
    evidence: [
      ...quote(answered),
      ...evidence.trace.configurationErrors.map((error) => error.line.message),
      ...quote(evidence.trace.finalStatus?.line),
    ],
    checklist: [
      { text: msg('other.fix.after-integration-line') },
      { text: msg('other.fix.after-integration-mapping') },
    ],
  };
}

function outsideResponse(evidence: Evidence): Outside {
  const type = signals(evidence).responseType ?? '';
  return {
    summary: msg('other.summary.gateway-response', { type }),
    evidence: [...responseLine(evidence), msg('evidence.response-type', { responseType: type })],
    checklist: [{ text: msg('other.fix.gateway-response', { type }) }],
  };
}

function functionUrl(evidence: Evidence): Outside {
  return {
    summary: msg('other.summary.function-url'),
    evidence: responseLine(evidence),
    checklist: [
      { text: msg('other.fix.function-url-address') },
      { text: msg('other.fix.function-url-auth') },
    ],
  };
}

function expiredToken(evidence: Evidence): Outside {
  return {
    ...COGNITO_REFUSAL,
    summary: msg('other.summary.cognito-expired'),
    evidence: responseLine(evidence),
    checklist: [
      { text: msg('other.fix.cognito-refresh') },
      { text: msg('other.fix.cognito-lifetime') },
      ...scopeSteps(evidence),
    ],
  };
}

function serviceError(evidence: Evidence): Outside {
  const message = signals(evidence).message;
  const code = message.kind === 'service-error' ? message.code : '';
  return {
    summary: msg('other.summary.service-error', { code }),
    evidence: responseLine(evidence),
    checklist: [{ text: msg('other.fix.service-role') }, { text: msg('other.fix.service-request') }],
  };
}
