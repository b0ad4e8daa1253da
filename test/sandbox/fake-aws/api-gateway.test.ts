import {
  FlushStageAuthorizersCacheCommand,
  GetAccountCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetDeploymentCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  paginateGetResources,
  type Authorizer,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import { ACCOUNT, API_ID, failure, POLICY, useFakeAws } from './fixtures';

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
});
