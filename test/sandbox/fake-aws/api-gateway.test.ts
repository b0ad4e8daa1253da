import {
  FlushStageAuthorizersCacheCommand,
  GetAccountCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  paginateGetResources,
  type Authorizer,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { ACCOUNT, API_ID, failure, POLICY, useFakeAws, world } from './fixtures';

describe('fake API Gateway management API', () => {
  const start = useFakeAws();

  it('GetRestApi: Date for epoch seconds, the policy still double-escaped as stored', async () => {
    const { apiGateway } = await start();

    const api = await apiGateway.send(new GetRestApiCommand({ restApiId: API_ID }));

    expect(api).toMatchObject({ id: API_ID, name: 'orders', apiKeySource: 'HEADER' });
    expect(api.createdDate).toEqual(new Date(1_700_000_000_000));
    expect(api.policy).toBe(POLICY);
    expect(api.policy).toContain('\\"Version\\"');
    expect(api.endpointConfiguration?.types).toEqual(['REGIONAL']);
  });

  it('GetRestApis pages with position', async () => {
    const { apiGateway } = await start();

    const first = await apiGateway.send(new GetRestApisCommand({ limit: 1 }));
    const second = await apiGateway.send(new GetRestApisCommand({ limit: 1, position: first.position }));

    expect(first.items?.map((a) => a.id)).toEqual([API_ID]);
    expect(second.items?.map((a) => a.id)).toEqual(['second']);
    expect(second.position).toBeUndefined();
  });

  it('GetAuthorizers: items renamed from item, paged by hand with position', async () => {
    const { apiGateway } = await start();
    const seen: Authorizer[] = [];
    let position: string | undefined;
    do {
      const page = await apiGateway.send(
        new GetAuthorizersCommand({ restApiId: API_ID, limit: 2, position }),
      );
      seen.push(...(page.items ?? []));
      position = page.position;
    } while (position);
    const all = await apiGateway.send(new GetAuthorizersCommand({ restApiId: API_ID }));
    const one = await apiGateway.send(new GetAuthorizerCommand({ restApiId: API_ID, authorizerId: 'auth2' }));

    expect(seen.map((a) => a.id)).toEqual(['auth1', 'auth2', 'auth3']);
    expect(all.items).toHaveLength(3);
    expect(all.position).toBeUndefined();
    expect(one).toMatchObject({ id: 'auth2', type: 'TOKEN', authorizerResultTtlInSeconds: 300 });
  });

  it('GetStage and GetStages', async () => {
    const { apiGateway } = await start();

    const stage = await apiGateway.send(new GetStageCommand({ restApiId: API_ID, stageName: 'prod' }));
    const stages = await apiGateway.send(new GetStagesCommand({ restApiId: API_ID }));

    expect(stage).toMatchObject({ stageName: 'prod', deploymentId: 'd3p1oy' });
    expect(stage.lastUpdatedDate).toEqual(new Date(1_764_000_000_000));
    expect(stage.methodSettings?.['*/*']).toEqual({ loggingLevel: 'INFO', dataTraceEnabled: true });
    expect(stages.item?.map((s) => s.stageName)).toEqual(['prod', 'dev']);
  });

  it('GetResources: paginateGetResources with embed=methods, stubs without it', async () => {
    const { apiGateway } = await start();
    const resources: Resource[] = [];
    for await (const page of paginateGetResources(
      { client: apiGateway, pageSize: 2 },
      { restApiId: API_ID, embed: ['methods'] },
    )) {
      resources.push(...(page.items ?? []));
    }
    const bare = await apiGateway.send(new GetResourcesCommand({ restApiId: API_ID }));

    expect(resources.map((r) => r.path)).toEqual(['/', '/orders', '/orders/{id}']);
    expect(resources[1].resourceMethods?.GET).toEqual({
      httpMethod: 'GET',
      authorizationType: 'CUSTOM',
      authorizerId: 'auth1',
      apiKeyRequired: false,
    });
    expect(bare.items?.[1].resourceMethods).toEqual({ GET: {}, POST: {} });
    expect(bare.items?.[0].resourceMethods).toBeUndefined();
  });

  it('GetAccount and GetDeployment', async () => {
    const { apiGateway } = await start();

    const account = await apiGateway.send(new GetAccountCommand({}));
    const deployment = await apiGateway.send(
      new GetDeploymentCommand({ restApiId: API_ID, deploymentId: 'd3p1oy' }),
    );

    expect(account.cloudwatchRoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/apigw-logs`);
    expect(deployment).toMatchObject({ id: 'd3p1oy', description: 'v42' });
    expect(deployment.createdDate).toEqual(new Date(1_764_000_000_000));
  });

  it('FlushStageAuthorizersCache answers 202 and is recorded as a write', async () => {
    const { fake, apiGateway } = await start();

    const answer = await apiGateway.send(
      new FlushStageAuthorizersCacheCommand({ restApiId: API_ID, stageName: 'prod' }),
    );

    expect(answer.$metadata.httpStatusCode).toBe(202);
    expect(fake.calls).toEqual([
      {
        service: 'apigateway',
        operation: 'FlushStageAuthorizersCache',
        target: `/restapis/${API_ID}/stages/prod/cache/authorizers`,
        at: expect.any(Number),
        done: expect.any(Number),
      },
    ]);
  });

  it('answers NotFoundException for unknown APIs, stages, authorizers and deployments', async () => {
    const { apiGateway } = await start();

    const api = await failure(apiGateway.send(new GetRestApiCommand({ restApiId: 'nope' })));
    const others = await Promise.all([
      failure(apiGateway.send(new GetStageCommand({ restApiId: API_ID, stageName: 'qa' }))),
      failure(apiGateway.send(new GetAuthorizerCommand({ restApiId: API_ID, authorizerId: 'nope' }))),
      failure(apiGateway.send(new GetDeploymentCommand({ restApiId: API_ID, deploymentId: 'nope' }))),
      failure(apiGateway.send(new FlushStageAuthorizersCacheCommand({ restApiId: API_ID, stageName: 'qa' }))),
    ]);

    expect(api.name).toBe('NotFoundException');
    expect(api.message).toBe(`Invalid API identifier specified ${ACCOUNT}:nope`);
    expect(api.$metadata?.httpStatusCode).toBe(404);
    expect(others.map((e) => e.name)).toEqual(Array(4).fill('NotFoundException'));
    expect(others[0].message).toBe('Invalid stage identifier specified');
  });

  it('answers BadRequestException for a limit above 500 or a foreign position', async () => {
    const { apiGateway } = await start();

    const errors = await Promise.all([
      failure(apiGateway.send(new GetResourcesCommand({ restApiId: API_ID, limit: 501 }))),
      failure(apiGateway.send(new GetAuthorizersCommand({ restApiId: API_ID, position: 'bogus' }))),
    ]);

    expect(errors.map((e) => e.name)).toEqual(['BadRequestException', 'BadRequestException']);
  });

  describe('GetExport: the deployment a stage runs, as OpenAPI with API Gateway extensions', () => {
    async function exported(
      start: ReturnType<typeof useFakeAws>,
      input: { stageName?: string; exportType?: string; extensions?: string },
      data = world(),
    ) {
      const { apiGateway } = await start({}, data);
      const output = await apiGateway.send(
        new GetExportCommand({
          restApiId: API_ID,
          stageName: input.stageName ?? 'prod',
          exportType: input.exportType ?? 'oas30',
          parameters: { extensions: input.extensions ?? 'apigateway,authorizers' },
          accepts: 'application/json',
        }),
      );
      return {
        contentType: output.contentType,
        document: JSON.parse(new TextDecoder().decode(output.body)) as Record<string, any>,
      };
    }

    it('writes authorizers as security schemes named after them, methods with their security, the policy with full ARNs', async () => {
      const { contentType, document } = await exported(start, {});

      expect(contentType).toBe('application/json');
      expect(document.openapi).toBe('3.0.1');
      expect(document.components.securitySchemes['authorizer-1']).toEqual({
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': { type: 'token', authorizerResultTtlInSeconds: 300 },
      });
      expect(document.paths['/orders']).toMatchObject({
        get: { security: [{ 'authorizer-1': [] }] },
        post: { security: [{ sigv4: [] }] },
      });
      expect(document.paths['/orders/{id}'].delete.security).toEqual([{ api_key: [] }]);
      expect(document.paths['/']).toBeUndefined();
      const resources = document['x-amazon-apigateway-policy'].Statement.map(
        (s: { Resource: unknown }) => s.Resource,
      );
      expect(JSON.stringify(resources)).toContain(`arn:aws:execute-api:`);
      expect(JSON.stringify(resources)).not.toContain('execute-api:/');
    });

    it('leaves the authorizer extension and the policy out without the extensions that add them', async () => {
      const { document } = await exported(start, { extensions: 'postman' });

      expect(
        document.components.securitySchemes['authorizer-1']['x-amazon-apigateway-authorizer'],
      ).toBeUndefined();
      expect(document['x-amazon-apigateway-policy']).toBeUndefined();
    });

    it("serves what the stage's deployment froze, not the working copy", async () => {
      const data = world();
      const api = data.restApis[API_ID];
      api.deployed = {
        d3p1oy: {
          authorizers: api.authorizers.map((a) => ({ ...a, authorizerResultTtlInSeconds: 60 })),
          resources: api.resources.slice(0, 2),
        },
      };

      const prod = (await exported(start, {}, data)).document;

      expect(prod.components.securitySchemes['authorizer-1']['x-amazon-apigateway-authorizer']).toMatchObject(
        {
          authorizerResultTtlInSeconds: 60,
        },
      );
      expect(Object.keys(prod.paths)).toEqual(['/orders']);
      expect(prod['x-amazon-apigateway-policy']).toBeUndefined(); // this deployment froze none
    });

    it('writes Swagger 2 security definitions for exportType swagger, and refuses other types', async () => {
      const { document } = await exported(start, { exportType: 'swagger' });
      expect(document).toMatchObject({ swagger: '2.0', basePath: '/prod' });
      expect(document.securityDefinitions['authorizer-1']).toBeDefined();

      const { apiGateway } = await start();
      const refused = await failure(
        apiGateway.send(new GetExportCommand({ restApiId: API_ID, stageName: 'prod', exportType: 'raml' })),
      );
      expect(refused).toMatchObject({ name: 'BadRequestException' });
    });
  });
});
