import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import { IAC, idsOf, redeployStep } from '../fix';
import {
  answerOfAnotherCause,
  answeredOtherStatus,
  errorTypeOfAnotherCause,
  isPlainForbidden,
  responseLine,
  responseTypeRulesOut,
} from './helpers';
import { msg, type Message } from '../../text';

/**
 * api-key-missing-or-invalid: the method requires an API key and none valid for this stage came. Decisive: the
 * execution log's "API Key … not authorized because method … requires API Key" line, the access log's
 * INVALID_API_KEY, or a plain Forbidden that the stage's access log records as the gateway's own answer, from a
 * method that requires a key on a public API whose stage has no web ACL (the other sources of that Forbidden — WAF,
 * a private API's routing, a call that never reached the stage, the backend's own 403 — ruled out). Supporting: a
 * Forbidden from a method that requires a key. Contradicting: an answer that is another cause's message, an
 * `x-amzn-ErrorType` other than ForbiddenException, a status other than 403. A Forbidden alone, on an API not known
 * to be private, keeps it a candidate.
 */

const keyRejectedLine: Signal = {
  id: 'api-key-rejected-line',
  holds: (evidence) => Boolean(evidence.trace.apiKeyRejected),
};

const accessLogInvalidKey: Signal = {
  id: 'access-log-says-invalid-api-key',
  holds: (evidence) => signals(evidence).responseType === 'INVALID_API_KEY',
};

/**
 * The access log's record shows the request reached this stage: a Forbidden answered before it (a custom domain's
 * missing base-path mapping, a VPC whose private DNS sends the call to its endpoint) is ruled out too; and it shows
 * the gateway answered, not the backend, whose own 403 Forbidden reads the same where the format logs neither.
 */
const forbiddenKeyRequiredOthersRuledOut: Signal = {
  id: 'forbidden-from-key-method-on-public-api-without-waf',
  holds: (evidence) =>
    isPlainForbidden(evidence) &&
    gatewayAnswered(evidence) &&
    evidence.config.method?.apiKeyRequired === true &&
    evidence.config.stage !== undefined &&
    !evidence.config.stage.webAclArn &&
    signals(evidence).privateApi === false,
};

/**
 * The stage's access log recorded the request, and the answer was the gateway's own: its ForbiddenException header
 * (API Gateway sets none on a backend's answer), the gateway's error in the record ($context.error.message /
 * responseType), or the integration's status field logged empty ('-'): the integration was never called.
 */
function gatewayAnswered(evidence: Evidence): boolean {
  const log = evidence.accessLog;
  if (!log) return false;
  if (evidence.response?.errorType === 'ForbiddenException') return true;
  if (log.errorMessage !== undefined || log.responseType !== undefined) return true;
  return integrationStatusLoggedEmpty(log.raw);
}

/** A field named for the integration's status (at any depth of the record) holding '-' or nothing. */
function integrationStatusLoggedEmpty(
  record: Readonly<Record<string, unknown>>,
  prefix = '',
  depth = 0,
): boolean {
  return Object.entries(record).some(([key, value]) => {
    const name = `${prefix}${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // `$context` variables nest a few levels; a hostile record thousands.
      return (
        depth < 8 && integrationStatusLoggedEmpty(value as Record<string, unknown>, `${name}.`, depth + 1)
      );
    }
    const empty = value === null || (typeof value === 'string' && ['', '-'].includes(value.trim()));
    return empty && /integration\W*status$/i.test(name.replace(/^\$?context\./i, ''));
  });
}

const forbiddenKeyRequired: Signal = {
  id: 'forbidden-from-key-method',
  holds: (evidence) => isPlainForbidden(evidence) && evidence.config.method?.apiKeyRequired === true,
};

/**
 * A bare Forbidden where nothing points at WAF or a private API: by far the commonest source of that answer is a
 * missing or unplanned key, so it leads the candidates (the others need a web ACL or a PRIVATE endpoint).
 */
const bareForbidden: Signal = {
  id: 'bare-forbidden-without-waf-or-private-api-known',
  holds: (evidence) =>
    isPlainForbidden(evidence) &&
    !evidence.trace.lines.length &&
    signals(evidence).privateApi !== true &&
    !evidence.config.stage?.webAclArn &&
    evidence.config.method?.apiKeyRequired !== false,
};

export const apiKeyMissingOrInvalid: Rule = {
  cause: 'api-key-missing-or-invalid',
  step: 'api-key',
  decisive: [keyRejectedLine, accessLogInvalidKey, forbiddenKeyRequiredOthersRuledOut],
  supporting: [forbiddenKeyRequired, bareForbidden],
  // A missing key answers a plain Forbidden.
  contradicting: [
    answerOfAnotherCause(['forbidden']),
    errorTypeOfAnotherCause(['ForbiddenException']),
    answeredOtherStatus(403),
  ],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const rejected = evidence.trace.apiKeyRejected;
  const method = evidence.config.method;
  if (method?.apiKeyRequired === false && !rejected) return undefined;
  if (
    responseTypeRulesOut(evidence, ['INVALID_API_KEY']) ||
    evidence.trace.apiKeyAccepted ||
    evidence.trace.integrationStatus
  ) {
    return undefined;
  }
  const forbiddenAnywhere = isPlainForbidden(evidence) && s.privateApi !== true;
  if (fired.decisive.length === 0 && fired.supporting.length === 0 && !forbiddenAnywhere) return undefined;

  return {
    summary: summary(evidence),
    evidence: [
      ...quote(rejected?.line),
      ...responseLine(evidence),
      ...(s.responseType ? [msg('evidence.response-type', { responseType: s.responseType })] : []),
      ...(method?.apiKeyRequired ? [msg('api-key-missing-or-invalid.evidence.required')] : []),
      ...(evidence.config.restApi?.apiKeySource
        ? [
            msg('api-key-missing-or-invalid.evidence.source', {
              source: evidence.config.restApi.apiKeySource,
            }),
          ]
        : []),
    ],
    checklist: checklist(evidence),
    settle:
      fired.decisive.length > 0
        ? undefined
        : [msg('api-key-missing-or-invalid.settle.line'), msg('api-key-missing-or-invalid.settle.waf')],
  };
}

function summary(evidence: Evidence): Message {
  const rejected = evidence.trace.apiKeyRejected;
  if (rejected) {
    const params = {
      apiStage: rejected.apiStage ?? msg('api-key-missing-or-invalid.this-stage'),
      reason: rejected.reason ?? '',
    };
    return rejected.method
      ? msg('api-key-missing-or-invalid.summary.rejected-method', { ...params, method: rejected.method })
      : msg('api-key-missing-or-invalid.summary.rejected', params);
  }
  if (evidence.config.restApi?.apiKeySource === 'AUTHORIZER') {
    return msg('api-key-missing-or-invalid.summary.authorizer');
  }
  return msg('api-key-missing-or-invalid.summary.header');
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const fromAuthorizer = evidence.config.restApi?.apiKeySource === 'AUTHORIZER';
  return [
    {
      text: msg(
        fromAuthorizer
          ? 'api-key-missing-or-invalid.fix.authorizer-key'
          : 'api-key-missing-or-invalid.fix.send-key',
      ),
    },
    {
      text: msg('api-key-missing-or-invalid.fix.enabled'),
      command: 'aws apigateway get-api-key --api-key <api-key-id>',
    },
    {
      text: msg('api-key-missing-or-invalid.fix.usage-plan', { apiStage: `${ids.restApiId}/${ids.stage}` }),
      command:
        `aws apigateway update-usage-plan --usage-plan-id <usage-plan-id> --patch-operations op=add,path=/apiStages,value=${ids.restApiId}:${ids.stage}\n` +
        'aws apigateway create-usage-plan-key --usage-plan-id <usage-plan-id> --key-id <api-key-id> --key-type API_KEY',
      iac: IAC.apiKey,
    },
    redeployStep(ids, 'fix.what.api-key-required'),
  ];
}
