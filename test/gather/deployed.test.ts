import { parseStageExport, resolveDeployed } from '../../src/gather/deployed';

/**
 * GetExport documents shaped as API Gateway writes them (public `get-export --parameters
 * extensions=integrations,authorizers,apigateway` outputs): security schemes named after the authorizer, `token`,
 * `request` and `cognito_user_pools` authorizers, `awsSigv4` for IAM, `api_key` for a required key, ANY as
 * `x-amazon-apigateway-any-method`, and the resource policy as an object with full ARNs.
 */

const URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:introspect_test/invocations';

const OAS30 = {
  openapi: '3.0.1',
  info: { title: 'jsonapi proxy+', version: '2019-07-24T18:09:15Z' },
  paths: {
    '/{proxy+}': {
      options: { responses: { '200': { description: '200 response', content: {} } } },
      'x-amazon-apigateway-any-method': {
        parameters: [{ name: 'proxy', in: 'path', required: true, schema: { type: 'string' } }],
        security: [{ introspection: [] }, { api_key: [] }],
        'x-amazon-apigateway-integration': {
          type: 'http_proxy',
          httpMethod: 'ANY',
          uri: 'http://example.com',
        },
      },
    },
    '/tenants': {
      get: { security: [{ 'tenant-auth': [] }] },
      post: { security: [{ sigv4: [] }] },
    },
    '/me': { get: { security: [{ cognito: [] }] } },
  },
  components: {
    securitySchemes: {
      introspection: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          authorizerUri: URI,
          authorizerCredentials: 'arn:aws:iam::123456789012:role/lambda_invoke_function_assume_apigw_role',
          authorizerResultTtlInSeconds: 300,
          identityValidationExpression: 'Bearer .*$',
          type: 'token',
        },
      },
      'tenant-auth': {
        type: 'apiKey',
        name: 'Unused',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          type: 'request',
          identitySource: 'method.request.header.X-Tenant, method.request.querystring.token',
          authorizerUri: URI,
          authorizerResultTtlInSeconds: 0,
        },
      },
      cognito: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'cognito_user_pools',
        'x-amazon-apigateway-authorizer': {
          type: 'cognito_user_pools',
          providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI'],
        },
      },
      sigv4: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'awsSigv4',
      },
      api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
    },
  },
  'x-amazon-apigateway-policy': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:us-east-1:123456789012:bc28rnvr33/*/*/*',
      },
    ],
  },
};

describe('parseStageExport', () => {
  const parsed = parseStageExport(OAS30);

  it('reads each authorizer as GetAuthorizer names its fields (a TOKEN identity source from the header)', () => {
    expect(parsed.authorizers).toEqual([
      {
        name: 'introspection',
        type: 'TOKEN',
        authType: 'custom',
        authorizerUri: URI,
        authorizerCredentials: 'arn:aws:iam::123456789012:role/lambda_invoke_function_assume_apigw_role',
        identitySource: 'method.request.header.Authorization',
        identityValidationExpression: 'Bearer .*$',
        authorizerResultTtlInSeconds: 300,
      },
      {
        name: 'tenant-auth',
        type: 'REQUEST',
        authType: 'custom',
        authorizerUri: URI,
        identitySource: 'method.request.header.X-Tenant, method.request.querystring.token',
        authorizerResultTtlInSeconds: 0,
      },
      {
        name: 'cognito',
        type: 'COGNITO_USER_POOLS',
        authType: 'cognito_user_pools',
        identitySource: 'method.request.header.Authorization',
        providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI'],
      },
    ]);
  });

  it('reads every method with its authorization and whether it requires an API key', () => {
    expect(parsed.methods).toEqual([
      { path: '/{proxy+}', verb: 'OPTIONS', authorizationType: 'NONE', apiKeyRequired: false },
      {
        path: '/{proxy+}',
        verb: 'ANY',
        authorizationType: 'CUSTOM',
        authorizerName: 'introspection',
        apiKeyRequired: true,
      },
      {
        path: '/tenants',
        verb: 'GET',
        authorizationType: 'CUSTOM',
        authorizerName: 'tenant-auth',
        apiKeyRequired: false,
      },
      { path: '/tenants', verb: 'POST', authorizationType: 'AWS_IAM', apiKeyRequired: false },
      {
        path: '/me',
        verb: 'GET',
        authorizationType: 'COGNITO_USER_POOLS',
        authorizerName: 'cognito',
        apiKeyRequired: false,
        authorizationScopes: [],
      },
    ]);
  });

  it.each<[string, unknown[], string[] | undefined]>([
    [
      'the scopes a Cognito requirement lists',
      [{ cognito: ['orders/read', 'email'] }],
      ['orders/read', 'email'],
    ],
    ['none listed: known to ask for none', [{ cognito: [] }], []],
    ['beside an API key, in either order', [{ api_key: [] }, { cognito: ['orders/read'] }], ['orders/read']],
    ['only the texts of a list AWS would not write', [{ cognito: ['openid', 7, '', null] }], ['openid']],
    ['no list at all', [{ cognito: 'openid' }], []],
    ['a Lambda authorizer: not read', [{ introspection: ['orders/read'] }], undefined],
  ])("reads a method's OAuth scopes: %s", (_name, security, scopes) => {
    const [method] = parseStageExport({ ...OAS30, paths: { '/me': { get: { security } } } }).methods;
    expect(method.authorizationScopes).toEqual(scopes);
  });

  it('keeps the deployed resource policy as JSON text; an export without one has none', () => {
    expect(JSON.parse(parsed.policy ?? '')).toEqual(OAS30['x-amazon-apigateway-policy']);
    expect(parseStageExport({ ...OAS30, 'x-amazon-apigateway-policy': undefined }).policy).toBeUndefined();
  });

  it('reads Swagger 2 security definitions the same way', () => {
    const swagger = {
      swagger: '2.0',
      paths: { '/tenants': { get: { security: [{ 'tenant-auth': [] }] } } },
      securityDefinitions: OAS30.components.securitySchemes,
    };
    expect(parseStageExport(swagger).methods).toEqual([
      {
        path: '/tenants',
        verb: 'GET',
        authorizationType: 'CUSTOM',
        authorizerName: 'tenant-auth',
        apiKeyRequired: false,
      },
    ]);
  });

  it.each([null, [], 'text', {}, { paths: 'none', components: 7 }])(
    'reads nothing, without failing, from %j',
    (document) => {
      expect(parseStageExport(document)).toEqual({ authorizers: [], methods: [] });
    },
  );
});

describe('resolveDeployed', () => {
  it('gives each deployed authorizer and method the id of the live authorizer of the same name', () => {
    const deployed = resolveDeployed(parseStageExport(OAS30), [
      { id: 'x1y2z3', name: 'introspection' },
      { id: 'q9w8e7', name: 'cognito' },
    ]);

    expect(deployed.authorizers.map((a) => [a.name, a.id])).toEqual([
      ['introspection', 'x1y2z3'],
      ['tenant-auth', undefined],
      ['cognito', 'q9w8e7'],
    ]);
    const proxy = deployed.resources.find((r) => r.path === '/{proxy+}');
    expect(proxy?.methods.ANY).toEqual({
      httpMethod: 'ANY',
      resourcePath: '/{proxy+}',
      authorizationType: 'CUSTOM',
      apiKeyRequired: true,
      authorizerId: 'x1y2z3',
    });
    // A method whose authorizer the working copy no longer has still names it.
    expect(deployed.resources.find((r) => r.path === '/tenants')?.methods.GET.authorizerId).toBeUndefined();
    expect(deployed.authorizerNames['GET /tenants']).toBe('tenant-auth');
  });

  it("keeps a deployed Cognito method's OAuth scopes", () => {
    const exported = parseStageExport({
      ...OAS30,
      paths: { '/me': { get: { security: [{ cognito: ['users/me'] }] } } },
    });
    const deployed = resolveDeployed(exported, [{ id: 'q9w8e7', name: 'cognito' }]);
    expect(deployed.resources[0].methods.GET).toEqual({
      httpMethod: 'GET',
      resourcePath: '/me',
      authorizationType: 'COGNITO_USER_POOLS',
      apiKeyRequired: false,
      authorizerId: 'q9w8e7',
      authorizationScopes: ['users/me'],
    });
  });
});
