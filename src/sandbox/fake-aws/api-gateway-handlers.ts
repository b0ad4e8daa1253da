import { FakeAwsError } from './errors';
import type { FakeState } from './state';
import { decodeToken, encodeToken, tokenOffset } from './tokens';
import { testInvokeAuthorizer } from './test-invoke';
import type { FakeRestApi } from './types';
import { exportStage } from './export';

/** One API Gateway operation: path parameters, query string and request body in, wire body out (undefined = empty). */
export type Handler = (
  state: FakeState,
  params: Record<string, string>,
  query: URLSearchParams,
  body: string,
) => { status?: number; body?: unknown };

type Body = Record<string, unknown>;

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 500;

export const HANDLERS: Record<string, Handler> = {
  GetAccount: (state) => ({ body: state.world.account }),
  GetRestApis: (state, _params, query) => ({
    body: paginate(
      Object.values(state.world.restApis).map((api) => api.restApi),
      query,
    ),
  }),
  GetRestApi: (state, params) => ({ body: requireApi(state, params).restApi }),
  GetAuthorizers: (state, params, query) => ({
    body: paginate(requireApi(state, params).authorizers, query),
  }),
  GetAuthorizer: (state, params) => ({
    body: requireAuthorizer(requireApi(state, params), params.authorizerId),
  }),
  GetStages: (state, params, query) => ({
    body: { item: stagesOf(requireApi(state, params), query.get('deploymentId')) },
  }),
  GetStage: (state, params) => ({ body: requireStage(requireApi(state, params), params.stageName) }),
  GetResources: (state, params, query) => ({ body: resourcesPage(requireApi(state, params), query) }),
  GetExport: (state, params, query) => {
    const api = requireApi(state, params);
    return {
      body: exportStage(api, requireStage(api, params.stageName), {
        exportType: params.exportType,
        extensions: query.getAll('extensions').flatMap((e) => e.split(',')),
        region: state.world.region,
        accountId: state.world.accountId,
      }),
    };
  },
  GetDeployment: (state, params) => ({
    body: requireDeployment(requireApi(state, params), params.deploymentId),
  }),
  TestInvokeAuthorizer: (state, params, _query, body) =>
    testInvokeAuthorizer(state, requireApi(state, params), params.authorizerId, body),
  FlushStageAuthorizersCache: (state, params) => {
    requireStage(requireApi(state, params), params.stageName);
    return { status: 202 };
  },
};

function requireApi(state: FakeState, params: Record<string, string>): FakeRestApi {
  const id = params.restApiId;
  const api = Object.prototype.hasOwnProperty.call(state.world.restApis, id)
    ? state.world.restApis[id]
    : undefined;
  if (!api) throw notFound(`Invalid API identifier specified ${state.world.accountId}:${id}`);
  return api;
}

function requireAuthorizer(api: FakeRestApi, id: string): Body {
  const authorizer = api.authorizers.find((a) => a.id === id);
  if (!authorizer) throw notFound('Invalid Authorizer identifier specified');
  return authorizer;
}

function requireStage(api: FakeRestApi, name: string): Body {
  const stage = Object.prototype.hasOwnProperty.call(api.stages, name) ? api.stages[name] : undefined;
  if (!stage) throw notFound('Invalid stage identifier specified');
  return { stageName: name, ...stage };
}

function stagesOf(api: FakeRestApi, deploymentId: string | null): Body[] {
  return Object.entries(api.stages)
    .map(([name, stage]): Body => ({ stageName: name, ...stage }))
    .filter((stage) => deploymentId === null || stage.deploymentId === deploymentId);
}

function requireDeployment(api: FakeRestApi, id: string): Body {
  const deployments = api.deployments ?? {};
  const deployment = Object.prototype.hasOwnProperty.call(deployments, id) ? deployments[id] : undefined;
  if (!deployment) throw notFound('Invalid Deployment identifier specified');
  return { id, ...deployment };
}

/** Without `embed=methods` AWS lists each method as an empty object; the methods themselves are left out. */
function resourcesPage(api: FakeRestApi, query: URLSearchParams): Body {
  const embed = query.getAll('embed').flatMap((e) => e.split(','));
  const items = embed.includes('methods') ? api.resources : api.resources.map(stubMethods);
  return paginate(items, query);
}

function stubMethods(resource: Body): Body {
  const methods = resource.resourceMethods;
  if (typeof methods !== 'object' || methods === null) return resource;
  return { ...resource, resourceMethods: Object.fromEntries(Object.keys(methods).map((m) => [m, {}])) };
}

/** `{ item, position? }` pages; `limit` 1–500, default 25; `position` is opaque. */
function paginate(items: Body[], query: URLSearchParams): Body {
  const limit = readLimit(query.get('limit'));
  const position = query.get('position');
  const offset = position === null ? 0 : tokenOffset(decodeToken(position), 'p');
  if (offset === undefined) throw badRequest('Invalid position parameter');
  const end = offset + limit;
  return {
    item: items.slice(offset, end),
    ...(end < items.length ? { position: encodeToken({ p: end }) } : {}),
  };
}

function readLimit(text: string | null): number {
  if (text === null) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`1 validation error detected: Value '${text}' at 'limit' failed to satisfy constraint`);
  }
  return limit;
}

function notFound(message: string): FakeAwsError {
  return new FakeAwsError('NotFoundException', message, 404);
}

function badRequest(message: string): FakeAwsError {
  return new FakeAwsError('BadRequestException', message, 400);
}
