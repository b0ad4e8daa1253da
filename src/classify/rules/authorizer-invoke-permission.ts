import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import {
  IAC,
  addAuthorizerPermissionCommand,
  authorizerSourceArn,
  getAuthorizerUriCommand,
  idsOf,
  redeployStep,
  roleNameOf,
  roleTrustPolicyCommand,
  setAuthorizerUriCommand,
} from '../fix';
import {
  ASSUME_ROLE,
  INVALID_ENDPOINT,
  answeredOtherStatus,
  authorizerErrorLogged,
  authorizerFailureAnswer,
  couldNotCall,
  cutShortCouldNotCall,
  integrationCallError,
  lambdaAnswered,
} from './helpers';
import { msg, type Message } from '../../text';
import { functionLogSilent } from '../function-log';
import { readCompletely } from '../../evidence/sources';

/**
 * authorizer-invoke-permission: API Gateway may not call the authorizer Lambda (resource-based permission, or the
 * authorizer's role), or cannot (its URI is no valid endpoint). Decisive: an "Invalid permissions on Lambda
 * function", "does not have permission to assume the provided role" or "Invalid endpoint address" line placed in the
 * authorizer step — after the authorizer started, or followed by "Authorizer error" /
 * AuthorizerConfigurationException; or an authorizer failure (500 AuthorizerConfigurationException) while the
 * function's own log is silent at the request time. The same line alone is also what an integration whose Lambda
 * permission is missing writes, as often in public traces, so on its own it makes this cause a candidate (low) beside
 * the integration's, nothing more. Supporting: a configuration-error line in the authorizer step that CloudWatch cut
 * short where such a line would begin. Contradicting: a status other than 500.
 */

function permissionLine(evidence: Evidence) {
  return evidence.trace.configurationErrors.find((error) => couldNotCall(error.detail));
}

function inAuthorizerStep(evidence: Evidence): boolean {
  const { trace } = evidence;
  return (
    Boolean(permissionLine(evidence)?.inAuthorizer) ||
    authorizerErrorLogged(trace) ||
    Boolean(trace.authorizer.configurationException) ||
    authorizerFailureAnswer(evidence)
  );
}

const permissionErrorInAuthorizer: Signal = {
  id: 'permission-error-in-authorizer-step',
  holds: (evidence) => permissionLine(evidence) !== undefined && inAuthorizerStep(evidence),
};

/** A configuration-error line cut short where the permission line would begin, in the authorizer step. */
const permissionLineCutShort: Signal = {
  id: 'permission-line-cut-short-in-authorizer',
  holds: (evidence) =>
    evidence.trace.configurationErrors.some(cutShortCouldNotCall) && inAuthorizerStep(evidence),
};

/** API Gateway answered that the authorizer step failed, and the function's own log shows it never ran then. */
const failedWithoutRunning: Signal = {
  id: 'authorizer-failed-and-function-never-ran',
  holds: (evidence) => functionLogSilent(evidence) && inAuthorizerStep(evidence),
};

export const authorizerInvokePermission: Rule = {
  cause: 'authorizer-invoke-permission',
  step: 'authorizer',
  decisive: [permissionErrorInAuthorizer, failedWithoutRunning],
  supporting: [permissionLineCutShort],
  // The trace read with another status than the authorizer failure's 500 may be another request's.
  contradicting: [answeredOtherStatus(500)],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const s = signals(evidence);
  const line = permissionLine(evidence);
  const configurationAnswer = s.message.kind === 'authorizer-configuration';
  const authorizerFailed = authorizerFailureAnswer(evidence) || authorizerErrorLogged(evidence.trace);
  // The call's request lines are written before a refused call too (domain.md §7, variant A): only a trace read
  // whole, where the refusal would have been logged between them, rules this cause out by their presence.
  const silentCall =
    authorizerFailed &&
    !lambdaAnswered(evidence) &&
    (!s.authorizerInvoked || !readCompletely(evidence, 'execution-log'));
  const cutShort = evidence.trace.configurationErrors.some(cutShortCouldNotCall);
  if (!line && !silentCall && !cutShort) return undefined;
  if (integrationCallError(evidence)) return undefined;

  const role = line ? ASSUME_ROLE.exec(line.detail)?.groups?.role : undefined;
  const badUri = line !== undefined && INVALID_ENDPOINT.test(line.detail);
  const certain = fired.decisive.length > 0;
  return {
    summary: summary(role, badUri, certain),
    evidence: [
      ...evidence.trace.configurationErrors.map((error) => error.line.message),
      ...quote(evidence.trace.authorizer.configurationException),
      ...(functionLogSilent(evidence)
        ? [msg('evidence.function-log-silent', { logGroup: evidence.authorizerLog?.logGroup ?? '' })]
        : []),
      ...(configurationAnswer && evidence.response?.body
        ? [msg('evidence.response-body', { body: evidence.response.body.trim() })]
        : []),
    ],
    checklist: role ? roleChecklist(role) : badUri ? uriChecklist(evidence) : permissionChecklist(evidence),
    settle: certain ? undefined : [msg('authorizer-invoke-permission.settle.configuration-line')],
  };
}

function summary(role: string | undefined, badUri: boolean, certain: boolean): Message {
  if (role) return msg('authorizer-invoke-permission.summary.role', { role });
  if (badUri) return msg('authorizer-invoke-permission.summary.uri');
  return msg(
    certain
      ? 'authorizer-invoke-permission.summary.permission'
      : 'authorizer-invoke-permission.summary.possible',
  );
}

/** The authorizer's URI is no endpoint API Gateway can call: read it, and write the function's invoke URI. */
function uriChecklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    { text: msg('authorizer-invoke-permission.fix.read-uri'), command: getAuthorizerUriCommand(ids) },
    { text: msg('authorizer-invoke-permission.fix.write-uri'), command: setAuthorizerUriCommand(ids) },
    redeployStep(ids, 'fix.what.authorizer-change'),
  ];
}

function permissionChecklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  return [
    {
      text: msg('authorizer-invoke-permission.fix.get-policy', { sourceArn: authorizerSourceArn(ids) }),
      command: `aws lambda get-policy --function-name ${ids.functionName}`,
    },
    {
      text: ids.accountFromFunction
        ? msg('authorizer-invoke-permission.fix.add-permission.function-account', {
            accountId: ids.accountId,
          })
        : msg('authorizer-invoke-permission.fix.add-permission'),
      command: addAuthorizerPermissionCommand(ids),
      iac: IAC.invokePermission,
    },
  ];
}

function roleChecklist(role: string): ChecklistStep[] {
  const roleName = roleNameOf(role);
  return [
    {
      text: msg('authorizer-invoke-permission.fix.role-trust', { role: roleName }),
      command: roleTrustPolicyCommand(roleName),
    },
    { text: msg('authorizer-invoke-permission.fix.role-invoke'), iac: IAC.authorizerRole },
    { text: msg('authorizer-invoke-permission.fix.drop-role') },
  ];
}
