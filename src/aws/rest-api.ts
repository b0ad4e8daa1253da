import {
  APIGatewayClient,
  FlushStageAuthorizersCacheCommand,
  GetAccountCommand,
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetExportCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetResourcesCommand,
  GetUsagePlansCommand,
  TestInvokeAuthorizerCommand,
  type Method,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { callAws } from './call';
import { wrongShape } from './errors';
import { PageGuard } from './paging';
import type { ZodType } from 'zod';
import {
  accountShape,
  authorizerShape,
  deploymentShape,
  listProblem,
  resourceShape,
  restApiShape,
  shapeProblem,
  stageExportShape,
  stageShape,
  testInvokeShape,
  usagePlanShape,
} from './shapes';
import { DEFAULT_RETRY_POLICY, isThrottling, type RetryPolicy } from './retry';
import type { AuthorizerConfig, MethodConfig, RestApiConfig, StageConfig } from '../evidence/types';
import { partitionOfRegion } from '../evidence/assemble';

/**
 * The API Gateway management API, read-only except the opt-in cache flush. SDK shapes stop here. Calls are retried
 * when AWS throttles (GetResources allows 5 requests every 2 seconds per account) or fails (see retry.ts).
 */

export interface ApiResource {
  path: string;
  methods: Record<string, MethodConfig>;
}

/** What TestInvokeAuthorizer simulates: the identity sources of a request, where the authorizer reads them. */
export interface TestInvokeInput {
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  /** The path with the query string, e.g. `/orders/18?tenant=acme`. */
  pathWithQueryString?: string;
  stageVariables?: Record<string, string>;
  additionalContext?: Record<string, string>;
}

/**
 * TestInvokeAuthorizer's answer. `clientStatus` is what the client would have received (0 or 200 when the
 * authorizer succeeded); `policy` is the returned policy document as a JSON string; `log` is the execution log of
 * the test invoke, which holds the identity and the authorizer's context in clear.
 */
export interface TestInvokeResult {
  clientStatus?: number;
  log?: string;
  latencyMs?: number;
  principalId?: string;
  policy?: string;
  authorization?: Record<string, string[]>;
  claims?: Record<string, string>;
}

/** A usage plan and the API stages it lists (what an API key must be in for a method that requires one). */
export interface UsagePlanConfig {
  id?: string;
  name?: string;
  apiStages: Array<{ apiId?: string; stage?: string }>;
}

export class RestApiReader {
  constructor(
    private readonly client: APIGatewayClient,
    private readonly region: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** Every REST API of the account and region (to find one by the name an alarm's ApiName dimension gives). */
  getRestApis(signal?: AbortSignal): Promise<RestApiConfig[]> {
    return this.allItems('GetRestApis', '/restapis', restApiShape, signal, (position) =>
      this.client.send(new GetRestApisCommand({ limit: 500, position }), { abortSignal: signal }),
    );
  }

  /** The REST APIs of the region as far as the pages could be read, and what stopped the listing, if anything. */
  async getRestApisAsFarAsRead(signal?: AbortSignal): Promise<{ items: RestApiConfig[]; failure?: unknown }> {
    const items: RestApiConfig[] = [];
    try {
      await this.allItems(
        'GetRestApis',
        '/restapis',
        restApiShape,
        signal,
        (position) =>
          this.client.send(new GetRestApisCommand({ limit: 500, position }), { abortSignal: signal }),
        items,
      );
      return { items };
    } catch (failure) {
      return { items, failure };
    }
  }

  /** Every usage plan of the account and region with the API stages it lists, all pages. */
  async getUsagePlans(signal?: AbortSignal): Promise<UsagePlanConfig[]> {
    const plans = await this.allItems('GetUsagePlans', '/usageplans', usagePlanShape, signal, (position) =>
      this.client.send(new GetUsagePlansCommand({ limit: 500, position }), { abortSignal: signal }),
    );
    return plans.map((plan) => ({
      id: plan.id,
      name: plan.name,
      apiStages: (plan.apiStages ?? []).map(({ apiId, stage }) => ({ apiId, stage })),
    }));
  }

  async getRestApi(restApiId: string, signal?: AbortSignal): Promise<RestApiConfig> {
    const { $metadata: _metadata, ...restApi } = await this.send(
      'GetRestApi',
      `/restapis/${restApiId}`,
      signal,
      () => this.client.send(new GetRestApiCommand({ restApiId }), { abortSignal: signal }),
    );
    this.check(restApiShape, restApi, 'GetRestApi', `/restapis/${restApiId}`);
    return this.named(restApi, 'id', 'GetRestApi', `/restapis/${restApiId}`);
  }

  /** All authorizers; the SDK has no paginator for them, so pages are followed by hand. */
  getAuthorizers(restApiId: string, signal?: AbortSignal): Promise<AuthorizerConfig[]> {
    const path = `/restapis/${restApiId}/authorizers`;
    return this.allItems('GetAuthorizers', path, authorizerShape, signal, (position) =>
      this.client.send(new GetAuthorizersCommand({ restApiId, limit: 500, position }), {
        abortSignal: signal,
      }),
    );
  }

  async getStage(restApiId: string, stageName: string, signal?: AbortSignal): Promise<StageConfig> {
    const { $metadata: _metadata, ...stage } = await this.send(
      'GetStage',
      `/restapis/${restApiId}/stages/${stageName}`,
      signal,
      () => this.client.send(new GetStageCommand({ restApiId, stageName }), { abortSignal: signal }),
    );
    this.check(stageShape, stage, 'GetStage', `/restapis/${restApiId}/stages/${stageName}`);
    return this.named(stage, 'stageName', 'GetStage', `/restapis/${restApiId}/stages/${stageName}`);
  }

  /** Every stage of the API with its settings (GetStages has no paging). */
  async getStages(restApiId: string, signal?: AbortSignal): Promise<StageConfig[]> {
    const output = await this.send('GetStages', `/restapis/${restApiId}/stages`, signal, () =>
      this.client.send(new GetStagesCommand({ restApiId }), { abortSignal: signal }),
    );
    const stages = this.items(output.item, 'GetStages', `/restapis/${restApiId}/stages`);
    this.checkList(stageShape, stages, 'GetStages', `/restapis/${restApiId}/stages`);
    return stages;
  }

  /** Every resource with its methods (embed=methods), all pages; each page is retried on its own. */
  async getResources(restApiId: string, signal?: AbortSignal): Promise<ApiResource[]> {
    const resources = await this.allItems(
      'GetResources',
      `/restapis/${restApiId}/resources`,
      resourceShape,
      signal,
      (position) =>
        this.client.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500, position }), {
          abortSignal: signal,
        }),
    );
    return resources.map(toApiResource);
  }

  async getAccount(signal?: AbortSignal): Promise<{ cloudwatchRoleArn?: string | null }> {
    const account = await this.send('GetAccount', '/account', signal, () =>
      this.client.send(new GetAccountCommand({}), { abortSignal: signal }),
    );
    this.check(accountShape, account, 'GetAccount', '/account');
    return { cloudwatchRoleArn: account.cloudwatchRoleArn ?? null };
  }

  async getDeployment(
    restApiId: string,
    deploymentId: string,
    signal?: AbortSignal,
  ): Promise<{ id?: string; createdDate?: Date }> {
    const deployment = await this.send(
      'GetDeployment',
      `/restapis/${restApiId}/deployments/${deploymentId}`,
      signal,
      () => this.client.send(new GetDeploymentCommand({ restApiId, deploymentId }), { abortSignal: signal }),
    );
    this.check(
      deploymentShape,
      deployment,
      'GetDeployment',
      `/restapis/${restApiId}/deployments/${deploymentId}`,
    );
    return { id: deployment.id, createdDate: deployment.createdDate };
  }

  /**
   * What the stage really runs: GetExport of its deployment as OpenAPI 3 with API Gateway's extensions (the
   * authorizers, `x-amazon-apigateway-policy`), parsed. The body is the raw document, not a JSON envelope.
   */
  async getStageExport(restApiId: string, stageName: string, signal?: AbortSignal): Promise<unknown> {
    const path = `/restapis/${restApiId}/stages/${stageName}/exports/oas30`;
    const output = await this.send('GetExport', path, signal, () =>
      this.client.send(
        new GetExportCommand({
          restApiId,
          stageName,
          exportType: 'oas30',
          parameters: { extensions: 'apigateway,authorizers' },
          accepts: 'application/json',
        }),
        { abortSignal: signal },
      ),
    );
    const text = output.body ? new TextDecoder().decode(output.body) : '';
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      // reported below
    }
    if (!document || typeof document !== 'object' || Array.isArray(document))
      throw wrongShape('GetExport', this.arn(path), 'the export is not an OpenAPI JSON document');
    this.check(stageExportShape, document, 'GetExport', path);
    return document;
  }

  /** A write: empties the stage's authorizer cache. Only ever called after a confirmed, permitted request. */
  async flushAuthorizerCache(restApiId: string, stageName: string, signal?: AbortSignal): Promise<void> {
    await this.send(
      'FlushStageAuthorizersCache',
      `/restapis/${restApiId}/stages/${stageName}/cache/authorizers`,
      signal,
      () =>
        this.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName }), {
          abortSignal: signal,
        }),
    );
  }

  /**
   * A write-class call: runs the authorizer's Lambda once with the given identity (the cache is not used; the method
   * ARN it receives names a test stage). Retried only when AWS throttled it, which means it did not run: a retry
   * after a failure or a timeout could run the customer's function twice.
   */
  async testInvokeAuthorizer(
    restApiId: string,
    authorizerId: string,
    input: TestInvokeInput,
    signal?: AbortSignal,
  ): Promise<TestInvokeResult> {
    const output = await this.send(
      'TestInvokeAuthorizer',
      `/restapis/${restApiId}/authorizers/${authorizerId}`,
      signal,
      () =>
        this.client.send(new TestInvokeAuthorizerCommand({ restApiId, authorizerId, ...input }), {
          abortSignal: signal,
        }),
      isThrottling,
    );
    this.check(
      testInvokeShape,
      output,
      'TestInvokeAuthorizer',
      `/restapis/${restApiId}/authorizers/${authorizerId}`,
    );
    return {
      clientStatus: output.clientStatus,
      log: output.log,
      latencyMs: output.latency,
      principalId: output.principalId,
      policy: output.policy,
      authorization: output.authorization,
      claims: output.claims,
    };
  }

  private send<T>(
    operation: string,
    path: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
    retryable?: (error: unknown) => boolean,
  ): Promise<T> {
    return callAws(call, { operation, resource: this.arn(path), policy: this.retry, signal, retryable });
  }

  /** Every item of a collection, following `position` from page to page; each page is retried on its own. */
  private async allItems<T>(
    operation: string,
    path: string,
    shape: ZodType,
    signal: AbortSignal | undefined,
    page: (position: string | undefined) => Promise<{ items?: T[]; position?: string }>,
    items: T[] = [],
  ): Promise<T[]> {
    const guard = new PageGuard('position');
    let position: string | undefined;
    do {
      const answer = await this.send(operation, path, signal, () => page(position));
      const pageItems = this.items(answer.items, operation, path);
      this.checkList(shape, pageItems, operation, path);
      items.push(...pageItems);
      position = typeof answer.position === 'string' && answer.position !== '' ? answer.position : undefined;
      const problem = guard.problem(position, pageItems.length);
      if (problem) throw wrongShape(operation, this.arn(path), problem);
    } while (position);
    return items;
  }

  private arn(path: string): string {
    return `arn:${partitionOfRegion(this.region)}:apigateway:${this.region}::${path}`;
  }

  /** A collection's items: absent means none; anything but a list means the body was not API Gateway's. */
  private items<T>(items: T[] | undefined, operation: string, path: string): T[] {
    if (items === undefined || Array.isArray(items)) return items ?? [];
    throw wrongShape(operation, this.arn(path), '"item" is not a list');
  }

  /** An answer whose fields are not of the types AWS sends them in is malformed (shapes.ts). */
  private check(shape: ZodType, value: unknown, operation: string, path: string): void {
    const problem = shapeProblem(shape, value, '');
    if (problem) throw wrongShape(operation, this.arn(path), problem);
  }

  /** A collection's items, each checked as `check` does, named as on the wire (`item[3]`). */
  private checkList(shape: ZodType, items: readonly unknown[], operation: string, path: string): void {
    const problem = listProblem(shape, items, 'item');
    if (problem) throw wrongShape(operation, this.arn(path), problem);
  }

  /** A single object must name itself (`id`, `stageName`): a body without it is not API Gateway's answer. */
  private named<T extends object>(object: T, field: keyof T & string, operation: string, path: string): T {
    if (typeof object[field] === 'string') return object;
    throw wrongShape(operation, this.arn(path), `no "${field}"`);
  }
}

function toApiResource(resource: Resource): ApiResource {
  const methods: Record<string, MethodConfig> = {};
  for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
    methods[verb] = {
      httpMethod: method.httpMethod ?? verb,
      resourcePath: resource.path,
      authorizationType: method.authorizationType,
      authorizerId: method.authorizerId,
      apiKeyRequired: method.apiKeyRequired,
      ...scopesOf(method),
    };
  }
  return { path: resource.path ?? '/', methods };
}

/**
 * A method's OAuth scopes: AWS leaves the list out when it is empty, so a Cognito method read whole without one asks
 * for none; other methods keep what they list, which only a Cognito authorizer checks.
 */
function scopesOf(method: Method): Pick<MethodConfig, 'authorizationScopes'> {
  const scopes = method.authorizationScopes;
  if (scopes && scopes.length > 0) return { authorizationScopes: [...scopes] };
  return method.authorizationType === 'COGNITO_USER_POOLS' ? { authorizationScopes: [] } : {};
}
