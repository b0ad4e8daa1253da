import type { WriteSession } from '../aws/clients';
import type { AuthorizerConfig } from '../evidence/types';
import { InputError } from '../errors';
import { locateApi } from '../config/app-config';
import { parseMethodArn } from '../classify/policy';
import { describeSource } from '../classify/rules/not-found-in-logs';
import type { DiagnoseQuery, Diagnosis } from '../pipeline/diagnose';
import type { Why403Service } from '../pipeline/service';
import { msg, type Text } from '../text';
import { identitySourcesOf, resolveIdentity, testInvokeInput } from './identity';
import { judgeReplay, type ReplayResult } from './judge';
import type { SealedIdentity } from './sealed';
import { scrubber, scrubDeep } from './scrub';

/**
 * Verify the fix: diagnose the failed request again (its real method ARN, its authorizer, the resource policy, the
 * stage), run that authorizer once through TestInvokeAuthorizer with the identity the person gave, and judge what it
 * returns against the real request. The identity goes to AWS in that one call and nowhere else; whatever comes back
 * has it taken out before it is kept.
 */

export interface ReplayRequest {
  query: DiagnoseQuery;
  identity: SealedIdentity;
  /** The authorizer to run, when the diagnosis cannot tell (the API has several and the trace names none). */
  authorizerId?: string;
  /** The request's method ARN, when the evidence does not give it. */
  methodArn?: string;
  /** Who the call is made for (the Slack user): the assumed role's session is named after them. */
  session?: WriteSession;
  /** Read the configuration afresh (after a deploy) instead of from the cache. */
  fresh?: boolean;
  onProgress?: (message: Text) => void;
}

export interface Replay {
  diagnosis: Diagnosis;
  target: { restApiId: string; stage: string; region: string; authorizerId: string };
  result: ReplayResult;
}

export async function runReplay(service: Why403Service, request: ReplayRequest): Promise<Replay> {
  const { query } = request;
  if (request.fresh && query.restApiId) await service.gatherer.cache.forget(query.restApiId);
  const diagnosis = await service.diagnose(query, request.onProgress);
  const { restApiId, stage, region } = diagnosis.request;
  if (!restApiId || !stage)
    throw new InputError(
      msg('replay.error.no-api', { id: query.requestId }),
      msg('replay.error.no-api.hint'),
    );
  const methodArn = methodArnOf(request.methodArn ?? diagnosis.verdict.request.methodArn, query.requestId);
  const location = locateApi(service.config, restApiId, region);
  const access = await service.aws.forTarget(location);
  const snapshot = await service.gatherer.snapshot(access, restApiId, stage);
  const authorizer = pickAuthorizer(snapshot.authorizers, diagnosis, request.authorizerId, snapshot.sources);
  const sources = identitySourcesOf(authorizer);
  const values = resolveIdentity(request.identity, sources);
  const input = testInvokeInput(values, {
    path: `/${parseMethodArn(methodArn)?.path ?? ''}`,
    stageVariables: snapshot.stage?.variables,
  });
  request.onProgress?.(msg('progress.test-invoke', { authorizerId: authorizer.id ?? '', restApiId }));
  const writer = request.session ? await service.aws.forTarget(location, request.session) : access;
  const raw = await writer.restApi.testInvokeAuthorizer(restApiId, authorizer.id, input);
  const scrub = scrubber(request.identity.values());
  const result = judgeReplay({
    raw,
    methodArn,
    authorizer,
    identitySources: sources.map((source) => source.expression),
    resourcePolicy: snapshot.restApi?.policy,
    caller: diagnosis.verdict.request,
    scrub,
  });
  return {
    diagnosis,
    target: { restApiId, stage, region: access.region, authorizerId: authorizer.id },
    result: scrubDeep(result, scrub),
  };
}

function methodArnOf(arn: string | undefined, requestId: string): string {
  if (arn && parseMethodArn(arn)) return arn;
  if (arn)
    throw new InputError(msg('replay.error.bad-method-arn', { arn }), msg('replay.error.no-method-arn.hint'));
  throw new InputError(
    msg('replay.error.no-method-arn', { id: requestId }),
    msg('replay.error.no-method-arn.hint'),
  );
}

const STARTING_AUTHORIZER = /^Starting authorizer: (?<id>\S+) for request:/;
const REPLAYABLE = ['TOKEN', 'REQUEST', 'COGNITO_USER_POOLS'];

/**
 * The authorizer that handled the request: the one asked for, else the one the diagnosis found (its configuration,
 * the method's, the trace's), else the API's only one. Several and no clue: the person is asked which.
 */
function pickAuthorizer(
  authorizers: readonly AuthorizerConfig[] | undefined,
  diagnosis: Diagnosis,
  asked: string | undefined,
  sources: Diagnosis['verdict']['sources'],
): AuthorizerConfig & { id: string } {
  if (!authorizers) {
    const status = sources['config:authorizers'];
    const reason = status ? describeSource('config:authorizers', status) : undefined;
    throw new InputError(
      msg('replay.error.authorizers-unread', { reason: reason ?? msg('replay.detail.unknown') }),
    );
  }
  const traced = diagnosis.trace
    .map((line) => STARTING_AUTHORIZER.exec(line.replace(/^\([^)]*\)\s*/, ''))?.groups?.id)
    .find(Boolean);
  const usable = authorizers.filter((a) => a.id && REPLAYABLE.includes(a.type ?? ''));
  const id =
    asked ??
    diagnosis.config.authorizer?.id ??
    diagnosis.config.method?.authorizerId ??
    traced ??
    (usable.length === 1 ? usable[0].id : undefined);
  const listed = usable.map((a) => `${a.id} (${a.name ?? a.type})`).join(', ') || '—';
  if (!id)
    throw new InputError(
      msg('replay.error.which-authorizer', { authorizers: listed }),
      msg('replay.error.which-authorizer.hint'),
    );
  const authorizer = authorizers.find((a) => a.id === id);
  if (!authorizer?.id)
    throw new InputError(
      msg('replay.error.no-such-authorizer', { id, authorizers: listed }),
      msg('replay.error.which-authorizer.hint'),
    );
  if (!REPLAYABLE.includes(authorizer.type ?? ''))
    throw new InputError(msg('replay.error.not-replayable', { id, type: authorizer.type ?? '?' }));
  return authorizer as AuthorizerConfig & { id: string };
}
