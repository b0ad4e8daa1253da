import type {
  AuthorizerLogFacts,
  CacheOrigin,
  Evidence,
  LogLine,
  RequestFacts,
  SearchReport,
  SourceReport,
} from '../evidence/types';
import { msg, type Text } from '../text';
import { assembleEvidence } from '../evidence/assemble';
import { readGatewayMessage } from '../evidence/gateway-message';
import {
  lambdaAuthorizers,
  lookUpConfig,
  type ApiSnapshot,
  type AuthorizerSource,
  type RequestKeys,
} from '../gather/api-config';

/**
 * Evidence for one located request, with the configuration of the method it called: a first pass over the logs
 * (or the access-log record) tells which method and authorizer that was, the second assembles everything. The
 * configuration is what the stage runs when its deployment could be read (see gather/api-config.ts).
 */

export interface EvidenceParts {
  lines: readonly LogLine[];
  request: Partial<RequestFacts>;
  snapshot?: ApiSnapshot;
  accessLog?: Record<string, unknown>;
  authorizerLog?: AuthorizerLogFacts;
  cacheOrigin?: CacheOrigin;
  search?: SearchReport;
  sources?: SourceReport;
  gaps?: readonly Text[];
  /** The API's account was asked for and not answered: taking the authorizer function's for it is then a gap. */
  accountUnread?: boolean;
}

export interface LocatedEvidence {
  evidence: Evidence;
  /** What the configuration was looked up by. */
  keys: RequestKeys;
  authorizerSource?: AuthorizerSource;
  judged?: 'deployed' | 'live';
}

export function evidenceWithConfig(parts: EvidenceParts): Evidence {
  return locateEvidence(parts).evidence;
}

export function locateEvidence(parts: EvidenceParts): LocatedEvidence {
  const { lines, accessLog, snapshot } = parts;
  const draft = assembleEvidence({ lines, accessLog, request: parts.request });
  const keys = requestKeys(draft);
  const lookup = snapshot ? lookUpConfig(snapshot, keys) : undefined;
  const assembled = assembleEvidence({
    lines,
    accessLog,
    request: parts.request,
    config: lookup?.config ?? {},
    authorizerLog: parts.authorizerLog,
    cacheOrigin: parts.cacheOrigin,
    search: parts.search,
    sources: { ...snapshot?.sources, ...parts.sources },
    gaps: [...(parts.gaps ?? []), ...(snapshot ? configGaps(snapshot, keys, lookup?.authorizerSource) : [])],
  });
  const evidence = parts.accountUnread ? withAccountGap(assembled) : assembled;
  return {
    evidence,
    keys,
    ...(lookup?.authorizerSource ? { authorizerSource: lookup.authorizerSource } : {}),
    ...(lookup ? { judged: lookup.judged } : {}),
  };
}

/** The authorizer function's account taken for the API's because the API's could not be read: said, not hidden. */
function withAccountGap(evidence: Evidence): Evidence {
  const { accountId, fromFunction } = evidence.request;
  if (!fromFunction?.includes('account') || accountId === undefined) return evidence;
  return { ...evidence, gaps: [...evidence.gaps, msg('diagnosis.gap.api-account-unread', { accountId })] };
}

/** What the configuration is looked up by: the method and path called, the template, the authorizer named. */
function requestKeys(draft: Evidence): RequestKeys {
  const path = draft.request.methodArn?.split('/').slice(3).join('/');
  // `API Key … not authorized because method 'GET /partners' requires API Key …` names the method too.
  const [keyVerb, keyPath] = draft.trace.apiKeyRejected?.method?.split(' ') ?? [];
  return {
    httpMethod: draft.request.httpMethod ?? keyVerb,
    path: path === undefined ? undefined : `/${path}`,
    resourcePath: draft.request.resourcePath ?? keyPath,
    authorizerId: draft.trace.authorizer.started?.authorizerId,
    authorizerExpected: authorizerAtWork(draft),
  };
}

const AUTHORIZER_RESPONSES = /^(AUTHORIZER_|UNAUTHORIZED$|ACCESS_DENIED$)/;

/** The evidence shows a Lambda authorizer at work: its lines in the trace, or an answer only an authorizer gives. */
function authorizerAtWork(draft: Evidence): boolean {
  const { trace, accessLog } = draft;
  const a = trace.authorizer;
  const kind = readGatewayMessage(draft.response).kind;
  return (
    Boolean(
      a.started ||
      a.policyAccepted ||
      a.completed ||
      a.unauthorized ||
      a.unauthorizedRequest ||
      a.configurationException ||
      a.invocationLines.length > 0 ||
      trace.clientNotAuthorized,
    ) ||
    kind === 'authorizer-deny' ||
    kind === 'unauthorized' ||
    kind === 'authorizer-configuration' ||
    AUTHORIZER_RESPONSES.test(accessLog?.responseType?.toUpperCase() ?? '') ||
    Boolean(accessLog?.authorizerStatus || accessLog?.authorizerError || accessLog?.principalId)
  );
}

/**
 * What the configuration section cannot say about the authorizer, said: which one ran could not be told, or it was
 * taken as the API's only Lambda authorizer because nothing named it.
 */
function configGaps(snapshot: ApiSnapshot, keys: RequestKeys, source: AuthorizerSource | undefined): Text[] {
  const gaps: Text[] = [];
  const lambdas = lambdaAuthorizers(snapshot.deployed?.authorizers ?? snapshot.authorizers);
  if (source === 'only-authorizer' && lambdas[0])
    gaps.push(msg('diagnosis.gap.only-authorizer', { name: lambdas[0].name ?? '', id: lambdas[0].id ?? '' }));
  else if (!source && keys.authorizerExpected && lambdas.length > 1)
    gaps.push(msg('diagnosis.gap.authorizer-unknown', { count: lambdas.length }));
  return gaps;
}
