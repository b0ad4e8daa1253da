import {
  APIGatewayClient,
  FlushStageAuthorizersCacheCommand,
  GetAccountCommand,
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  paginateGetResources,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { toAwsError } from './errors';
import type { AuthorizerConfig, MethodConfig, RestApiConfig, StageConfig } from '../evidence/types';

/** The API Gateway management API, read-only except the opt-in cache flush. SDK shapes stop here. */

export interface ApiResource {
  path: string;
  methods: Record<string, MethodConfig>;
}

export class RestApiReader {
  constructor(
    private readonly client: APIGatewayClient,
    private readonly region: string,
  ) {}

  /** Every REST API of the account and region (to find one by the name an alarm's ApiName dimension gives). */
  async getRestApis(signal?: AbortSignal): Promise<RestApiConfig[]> {
    const apis: RestApiConfig[] = [];
    let position: string | undefined;
    do {
      const page = await this.send('GetRestApis', '/restapis', () =>
        this.client.send(new GetRestApisCommand({ limit: 500, position }), { abortSignal: signal }),
      );
      apis.push(...(page.items ?? []));
      position = page.position;
    } while (position);
    return apis;
  }

  async getRestApi(restApiId: string, signal?: AbortSignal): Promise<RestApiConfig> {
    const { $metadata: _metadata, ...restApi } = await this.send('GetRestApi', `/restapis/${restApiId}`, () =>
      this.client.send(new GetRestApiCommand({ restApiId }), { abortSignal: signal }),
    );
    return restApi;
  }

  /** All authorizers; the SDK has no paginator for them, so pages are followed by hand. */
  async getAuthorizers(restApiId: string, signal?: AbortSignal): Promise<AuthorizerConfig[]> {
    const authorizers: AuthorizerConfig[] = [];
    let position: string | undefined;
    do {
      const page = await this.send('GetAuthorizers', `/restapis/${restApiId}/authorizers`, () =>
        this.client.send(new GetAuthorizersCommand({ restApiId, limit: 500, position }), {
          abortSignal: signal,
        }),
      );
      authorizers.push(...(page.items ?? []));
      position = page.position;
    } while (position);
    return authorizers;
  }

  async getStage(restApiId: string, stageName: string, signal?: AbortSignal): Promise<StageConfig> {
    const { $metadata: _metadata, ...stage } = await this.send(
      'GetStage',
      `/restapis/${restApiId}/stages/${stageName}`,
      () => this.client.send(new GetStageCommand({ restApiId, stageName }), { abortSignal: signal }),
    );
    return stage;
  }

  /** Every stage of the API with its settings (GetStages has no paging). */
  async getStages(restApiId: string, signal?: AbortSignal): Promise<StageConfig[]> {
    const output = await this.send('GetStages', `/restapis/${restApiId}/stages`, () =>
      this.client.send(new GetStagesCommand({ restApiId }), { abortSignal: signal }),
    );
    return output.item ?? [];
  }

  /** Every resource with its methods (embed=methods), all pages. */
  async getResources(restApiId: string, signal?: AbortSignal): Promise<ApiResource[]> {
    const resources: ApiResource[] = [];
    await this.send('GetResources', `/restapis/${restApiId}/resources`, async () => {
      const pages = paginateGetResources(
        { client: this.client, pageSize: 500 },
        { restApiId, embed: ['methods'] },
        { abortSignal: signal },
      );
      for await (const page of pages) {
        signal?.throwIfAborted();
        resources.push(...(page.items ?? []).map(toApiResource));
      }
    });
    return resources;
  }

  async getAccount(signal?: AbortSignal): Promise<{ cloudwatchRoleArn?: string | null }> {
    const account = await this.send('GetAccount', '/account', () =>
      this.client.send(new GetAccountCommand({}), { abortSignal: signal }),
    );
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
      () => this.client.send(new GetDeploymentCommand({ restApiId, deploymentId }), { abortSignal: signal }),
    );
    return { id: deployment.id, createdDate: deployment.createdDate };
  }

  /** A write: empties the stage's authorizer cache. Only ever called after a confirmed, permitted request. */
  async flushAuthorizerCache(restApiId: string, stageName: string): Promise<void> {
    await this.send(
      'FlushStageAuthorizersCache',
      `/restapis/${restApiId}/stages/${stageName}/cache/authorizers`,
      () => this.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName })),
    );
  }

  private async send<T>(operation: string, path: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toAwsError(error, operation, `arn:aws:apigateway:${this.region}::${path}`);
    }
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
    };
  }
  return { path: resource.path ?? '/', methods };
}
