import type { Evidence } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { quote, signals } from '../signals';
import {
  IAC,
  curlCommand,
  idsOf,
  redeployStep,
  setIdentitySourceCommand,
  setStageVariablesCommand,
  type Ids,
} from '../fix';
import {
  accessLogShowsNoLambdaCall,
  answered401,
  authorizerNotInvoked,
  functionLogShowsInvocation,
  cognitoAuthorizer,
  mayBeRefusedBeforeLambda,
  noAuthorizerOnMethod,
  noLambdaCallLine,
  responseLine,
} from './helpers';
import { readCompletely, stageChangedAfter } from '../../evidence/sources';
import {
  identityExpressions,
  parsedIdentitySources,
  sentByClient,
  type IdentitySource,
} from '../../evidence/identity-source';
import { msg, type Message } from '../../text';

/**
 * identity-source-missing: a 401 before the Lambda, because an identity source was absent or empty. Decisive: a
 * 401 (answered, not only the trace's "Unauthorized request", which a missing route writes too) whose authorizer
 * Lambda is proven not to have run, where the validation regex cannot be the reason (a
 * REQUEST authorizer, or a TOKEN authorizer without identityValidationExpression); or a 401 from a REQUEST
 * authorizer that lists a stage variable the stage, read whole, does not define (or leaves empty): API Gateway
 * checks every listed source before calling the Lambda, so no request through it can pass (a configuration fault,
 * not the client's). Supporting: evidence that the Lambda did not run without the regex ruled out (the first
 * signal's first half), or the access log's call fields logged as `-` (a weaker sign: what API Gateway writes there
 * on a refusal is unconfirmed). A TOKEN authorizer without a regex, or a REQUEST one, only rules the regex out: the
 * Lambda's own Unauthorized answers the same 401, so that alone earns nothing.
 * Contradicting: a Cognito user-pool authorizer, which never calls a Lambda and answers an expired or foreign token
 * with the same 401 (other.ts); a method known to use no authorizer (AWS_IAM, NONE), whose unsigned calls and
 * missing routes are logged with the same 'Unauthorized request' line; the function's own log showing an invocation
 * taken for this request's.
 */

function regexImpossible(evidence: Evidence): boolean {
  const authorizer = evidence.config.authorizer;
  return (
    signals(evidence).authorizerType === 'REQUEST' ||
    (authorizer !== undefined && !authorizer.identityValidationExpression)
  );
}

const notInvokedNoRegex: Signal = {
  id: 'lambda-not-called-and-no-regex',
  holds: (evidence) => authorizerNotInvoked(evidence) && regexImpossible(evidence) && answered401(evidence),
};

const stageVariableUndefined: Signal = {
  id: 'identity-stage-variable-undefined',
  holds: (evidence) =>
    answered401(evidence) &&
    !signals(evidence).authorizerInvoked &&
    // The variables read now are the request's only if the stage has not changed since.
    !stageChangedAfter(evidence.config.stage, evidence.request.time) &&
    unsetStageVariables(evidence).length > 0,
};

/**
 * The client's own copy of the request (curl -v, its header block pasted to the line that closes it) shows an
 * identity-source header it did not send, or sent empty. Supporting only: the header block is what the client
 * sent, not what reached API Gateway. With the authorizer unknown, only a request that carried nothing an identity
 * source could name (no header beyond HTTP's and curl's own, no query string) counts: an authorizer reading another
 * header would have been called, and its own 401 is another cause.
 */
const headerNotSent: Signal = {
  id: 'identity-header-not-sent',
  holds: (evidence) => answered401(evidence) && unsentHeaders(evidence).length > 0,
};

const notInvoked: Signal = { id: 'lambda-not-called', holds: authorizerNotInvoked };
const noCallLogged: Signal = { id: 'access-log-shows-no-lambda-call', holds: accessLogShowsNoLambdaCall };
const invocationLogged: Signal = { id: 'function-log-shows-invocation', holds: functionLogShowsInvocation };
const cognito: Signal = { id: 'cognito-user-pool-authorizer', holds: cognitoAuthorizer };
const noAuthorizer: Signal = { id: 'method-without-authorizer', holds: noAuthorizerOnMethod };

export const identitySourceMissing: Rule = {
  cause: 'identity-source-missing',
  step: 'identity',
  decisive: [notInvokedNoRegex, stageVariableUndefined],
  supporting: [notInvoked, noCallLogged, headerNotSent],
  contradicting: [cognito, noAuthorizer, invocationLogged],
  check,
};

interface UnsetVariable {
  name: string;
  /** Defined, but as an empty value. */
  empty: boolean;
}

/** The REQUEST authorizer's identity sources. A TOKEN authorizer's is its one header. */
function sourcesOf(evidence: Evidence): IdentitySource[] {
  return parsedIdentitySources(evidence.config.authorizer?.identitySource);
}

/** The header identity sources the request is shown to have gone without; none when its headers are not all known. */
function unsentHeaders(evidence: Evidence): string[] {
  const sent = evidence.request.headersSent;
  if (!sent?.complete) return [];
  const names = new Set(sent.names);
  if (evidence.config.authorizer?.identitySource) {
    return namesOf(sourcesOf(evidence), 'header').filter((header) => !names.has(header.toLowerCase()));
  }
  const couldCarryIdentity = sent.queryString || sent.names.some((name) => !PLAIN_HEADERS.has(name));
  return couldCarryIdentity ? [] : [DEFAULT_IDENTITY_HEADER];
}

/** The header a TOKEN authorizer reads unless told otherwise (the console's default identity source). */
const DEFAULT_IDENTITY_HEADER = 'Authorization';

/** Headers HTTP and curl send of themselves, which no one makes an identity source. */
const PLAIN_HEADERS = new Set([
  'host',
  'user-agent',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-type',
  'content-length',
  'connection',
  'expect',
  'cache-control',
  'pragma',
  'te',
  'transfer-encoding',
]);

/**
 * The stage's variables when they are known: given with the stage, or a stage read whole without any (GetStage
 * leaves the map out when it is empty). Unknown for another stage than the request's.
 */
function knownStageVariables(evidence: Evidence): Readonly<Record<string, string>> | undefined {
  const stage = evidence.config.stage;
  if (!stage) return undefined;
  const requested = evidence.request.stage;
  if (requested && stage.stageName && stage.stageName !== requested) return undefined;
  if (stage.variables) return stage.variables;
  return readCompletely(evidence, 'config:stage') ? {} : undefined;
}

/** The stage-variable sources of a REQUEST authorizer that the stage, when known, does not set (or sets empty). */
function unsetStageVariables(evidence: Evidence): UnsetVariable[] {
  if (signals(evidence).authorizerType !== 'REQUEST') return [];
  const variables = knownStageVariables(evidence);
  if (!variables) return [];
  return sourcesOf(evidence)
    .filter((source) => source.kind === 'stageVariable' && !valueOf(variables, source.name))
    .map((source) => ({ name: source.name, empty: Object.hasOwn(variables, source.name) }));
}

function valueOf(variables: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(variables, name) ? variables[name] : undefined;
}

function stageName(evidence: Evidence): string {
  return evidence.request.stage ?? evidence.config.stage?.stageName ?? '<stage>';
}

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  if (!mayBeRefusedBeforeLambda(evidence)) return undefined;
  const authorizer = evidence.config.authorizer;
  const unset = unsetStageVariables(evidence);
  const extendedIdLine = evidence.trace.extendedRequestId
    ? evidence.trace.lines.find((l) => l.message.startsWith('Extended Request Id'))
    : undefined;
  return {
    summary: summary(evidence, unset),
    evidence: [
      ...quote(extendedIdLine),
      ...quote(evidence.trace.authorizer.unauthorizedRequest),
      ...responseLine(evidence),
      ...(authorizerNotInvoked(evidence)
        ? [msg('identity-source-missing.evidence.not-invoked')]
        : noLambdaCallLine(evidence)),
      ...(authorizer?.identitySource
        ? [msg('evidence.identity-source', { source: authorizer.identitySource })]
        : []),
      ...headerNotSentLine(evidence),
      ...unset.map((variable) => unsetLine(evidence, variable)),
    ],
    checklist: unset.length > 0 ? stageChecklist(evidence, unset) : checklist(evidence),
    settle: fired.decisive.length > 0 ? undefined : settle(evidence),
  };
}

function headerNotSentLine(evidence: Evidence): Message[] {
  const unsent = unsentHeaders(evidence);
  if (unsent.length === 0) return [];
  return [
    msg('identity-source-missing.evidence.header-not-sent', {
      count: unsent.length,
      headers: unsent.join(', '),
    }),
  ];
}

function summary(evidence: Evidence, unset: readonly UnsetVariable[]): Message {
  const source = evidence.config.authorizer?.identitySource;
  if (unset.length > 0)
    return msg('identity-source-missing.summary.stage-variable', {
      count: unset.length,
      variables: unset.map((variable) => variable.name).join(', '),
      stage: stageName(evidence),
    });
  // Said outright only when the Lambda is proven not to have run; otherwise as what may have happened.
  const proven = authorizerNotInvoked(evidence);
  if (!source)
    return msg(
      proven ? 'identity-source-missing.summary.generic' : 'identity-source-missing.summary.generic-unproven',
    );
  if (sourcesOf(evidence).every(sentByClient))
    return proven
      ? msg('identity-source-missing.summary.source', { source })
      : msg('identity-source-missing.summary.source-unproven', { source });
  return proven
    ? msg('identity-source-missing.summary.sources', { source })
    : msg('identity-source-missing.summary.sources-unproven', { source });
}

function unsetLine(evidence: Evidence, variable: UnsetVariable): Message {
  const stage = stageName(evidence);
  if (variable.empty)
    return msg('identity-source-missing.evidence.stage-variable-empty', { stage, variable: variable.name });
  const defined = Object.keys(knownStageVariables(evidence) ?? {});
  return defined.length > 0
    ? msg('identity-source-missing.evidence.stage-variable-undefined', {
        stage,
        variable: variable.name,
        defined: defined.join(', '),
      })
    : msg('identity-source-missing.evidence.stage-variables-none', { stage, variable: variable.name });
}

function settle(evidence: Evidence): Message[] {
  const steps: Message[] = [];
  if (!authorizerNotInvoked(evidence)) steps.push(msg('identity-source-missing.settle.lambda-ran'));
  if (!regexImpossible(evidence)) steps.push(msg('identity-source-missing.settle.regex'));
  const stageVariables = namesOf(sourcesOf(evidence), 'stageVariable');
  if (stageVariables.length > 0)
    steps.push(
      msg('identity-source-missing.settle.stage-variables', {
        count: stageVariables.length,
        variables: stageVariables.join(', '),
        stage: stageName(evidence),
      }),
    );
  // curl -v, its headers given whole, has already said which identity header the request went without.
  if (unsentHeaders(evidence).length === 0) steps.push(msg('identity-source-missing.settle.header'));
  return steps;
}

function namesOf(sources: readonly IdentitySource[], kind: IdentitySource['kind']): string[] {
  return sources.filter((source) => source.kind === kind).map((source) => source.name);
}

/** The sources curl cannot send: stage variables the stage sets, context values API Gateway sets. */
function notSentSteps(evidence: Evidence, sources: readonly IdentitySource[]): ChecklistStep[] {
  const stageVariables = namesOf(sources, 'stageVariable');
  const context = namesOf(sources, 'context');
  return [
    ...(stageVariables.length > 0
      ? [
          {
            text: msg('identity-source-missing.fix.stage-variables', {
              count: stageVariables.length,
              variables: stageVariables.join(', '),
              stage: stageName(evidence),
            }),
          },
        ]
      : []),
    ...(context.length > 0
      ? [
          {
            text: msg('identity-source-missing.fix.context', {
              count: context.length,
              values: context.map((name) => `context.${name}`).join(', '),
            }),
          },
        ]
      : []),
  ];
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const source = evidence.config.authorizer?.identitySource ?? 'method.request.header.Authorization';
  const sources = parsedIdentitySources(source);
  return [
    { text: msg('identity-source-missing.fix.carry', { source }), command: curlCommand(ids, sources) },
    ...notSentSteps(evidence, sources),
    { text: msg('identity-source-missing.fix.client'), iac: IAC.identitySource },
    redeployStep(ids, 'fix.what.identity-source-change'),
    { text: msg('identity-source-missing.fix.options') },
  ];
}

/** A stage variable the stage lacks fails every request: define it, or stop listing it; then call again. */
function stageChecklist(evidence: Evidence, unset: readonly UnsetVariable[]): ChecklistStep[] {
  const ids: Ids = { ...idsOf(evidence), stage: stageName(evidence) };
  const names = unset.map((variable) => variable.name);
  const dropped = new Set(names.map((name) => `stageVariables.${name}`));
  const remaining = identityExpressions(evidence.config.authorizer?.identitySource).filter(
    (expression) => !dropped.has(expression),
  );
  const sources = sourcesOf(evidence);
  return [
    {
      text: msg('identity-source-missing.fix.define-stage-variable', {
        count: names.length,
        variables: names.join(', '),
        stage: ids.stage,
      }),
      command: setStageVariablesCommand(ids, names),
    },
    remaining.length > 0
      ? {
          text: msg('identity-source-missing.fix.drop-stage-variable', {
            count: names.length,
            variables: names.join(', '),
          }),
          command: setIdentitySourceCommand(ids, remaining.join(', ')),
          iac: IAC.identitySource,
        }
      : { text: msg('identity-source-missing.fix.drop-last-source'), iac: IAC.identitySource },
    redeployStep(ids, 'fix.what.identity-source-change'),
    {
      text: msg('identity-source-missing.fix.call-again'),
      command: curlCommand(ids, sources.filter(sentByClient)),
    },
  ];
}
