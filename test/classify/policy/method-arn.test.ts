import {
  firstDifference,
  formatMethodArn,
  parseMethodArn,
  type MethodArn,
} from '../../../src/classify/policy';

const API = 'arn:aws:execute-api:us-east-1:111122223333:abc123';

describe('parseMethodArn', () => {
  it.each<[string, string, MethodArn]>([
    [
      'a plain path',
      `${API}/prod/GET/pets`,
      {
        partition: 'aws',
        region: 'us-east-1',
        accountId: '111122223333',
        apiId: 'abc123',
        stage: 'prod',
        verb: 'GET',
        path: 'pets',
      },
    ],
    [
      'the root resource',
      `${API}/prod/GET/`,
      {
        partition: 'aws',
        region: 'us-east-1',
        accountId: '111122223333',
        apiId: 'abc123',
        stage: 'prod',
        verb: 'GET',
        path: '',
      },
    ],
    [
      'a nested path with a colon',
      `${API}/v1/POST/pets/42/toys:a`,
      {
        partition: 'aws',
        region: 'us-east-1',
        accountId: '111122223333',
        apiId: 'abc123',
        stage: 'v1',
        verb: 'POST',
        path: 'pets/42/toys:a',
      },
    ],
    [
      'the China partition',
      'arn:aws-cn:execute-api:cn-north-1:111122223333:abc123/prod/GET/x',
      {
        partition: 'aws-cn',
        region: 'cn-north-1',
        accountId: '111122223333',
        apiId: 'abc123',
        stage: 'prod',
        verb: 'GET',
        path: 'x',
      },
    ],
    [
      'the GovCloud partition',
      'arn:aws-us-gov:execute-api:us-gov-west-1:111122223333:abc123/prod/DELETE/x',
      {
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
        accountId: '111122223333',
        apiId: 'abc123',
        stage: 'prod',
        verb: 'DELETE',
        path: 'x',
      },
    ],
  ])('parses %s', (_name, arn, expected) => {
    expect(parseMethodArn(arn)).toEqual(expected);
  });

  it.each([
    ['another service', 'arn:aws:lambda:us-east-1:111122223333:function:f'],
    ['no verb', `${API}/prod`],
    ['root without the trailing slash', `${API}/prod/GET`],
    ['no resource segment', 'arn:aws:execute-api:us-east-1:111122223333'],
    ['empty stage', `${API}//GET/x`],
    ['empty region', 'arn:aws:execute-api::111122223333:abc123/prod/GET/'],
    ['not an ARN', 'abc123/prod/GET/'],
    ['unknown partition', 'arn:gcp:execute-api:us-east-1:111122223333:abc123/prod/GET/'],
    ['empty string', ''],
  ])('rejects %s', (_name, arn) => {
    expect(parseMethodArn(arn)).toBeUndefined();
  });

  it.each([`${API}/prod/GET/`, `${API}/prod/GET/pets/42`, `${API}/prod/ANY/a:b`])(
    'round-trips %s through formatMethodArn',
    (arn) => {
      const parsed = parseMethodArn(arn);
      expect(parsed).toBeDefined();
      expect(formatMethodArn(parsed as MethodArn)).toBe(arn);
    },
  );
});

describe('firstDifference', () => {
  it.each([
    ['stage null from a test invoke', `${API}/null/*/*`, `${API}/prod/GET/x`, 'stage', 'null', 'prod'],
    [
      'stage ESTestInvoke-stage',
      `${API}/ESTestInvoke-stage/*/*`,
      `${API}/prod/GET/x`,
      'stage',
      'ESTestInvoke-stage',
      'prod',
    ],
    ['verb case', `${API}/prod/get/pets`, `${API}/prod/GET/pets`, 'verb', 'get', 'GET'],
    ['cached path', `${API}/prod/GET/user_info`, `${API}/prod/GET/orders`, 'path', 'user_info', 'orders'],
    ['deeper path', `${API}/prod/*/pets`, `${API}/prod/GET/pets/123`, 'path', 'pets', 'pets/123'],
    [
      'api id',
      'arn:aws:execute-api:us-east-1:111122223333:xyz789/*',
      `${API}/prod/GET/`,
      'apiId',
      'xyz789',
      'abc123',
    ],
    [
      'account',
      'arn:aws:execute-api:us-east-1:444455556666:abc123/*',
      `${API}/prod/GET/`,
      'account',
      '444455556666',
      '111122223333',
    ],
    [
      'region',
      'arn:aws:execute-api:eu-west-1:*:abc123/*',
      `${API}/prod/GET/`,
      'region',
      'eu-west-1',
      'us-east-1',
    ],
    [
      'region with a trailing *',
      'arn:aws:execute-api:eu-*',
      `${API}/prod/GET/`,
      'region',
      'eu-*',
      'us-east-1',
    ],
    ['partition', 'arn:aws-cn:execute-api:*:*:*', `${API}/prod/GET/`, 'partition', 'aws-cn', 'aws'],
    ['service', 'arn:aws:lambda:*:*:*', `${API}/prod/GET/`, 'service', 'lambda', 'execute-api'],
    ['missing path', `${API}/prod/GET`, `${API}/prod/GET/pets`, 'path', '', 'pets'],
    [
      'missing resource segment',
      'arn:aws:execute-api:us-east-1:111122223333',
      `${API}/prod/GET/`,
      'apiId',
      '',
      'abc123',
    ],
    ['shorthand stage', 'execute-api:/dev/*', `${API}/prod/GET/x`, 'stage', 'dev', 'prod'],
    ['shorthand verb', 'execute-api:/prod/POST/*', `${API}/prod/GET/x`, 'verb', 'POST', 'GET'],
  ])('%s', (_name, pattern, methodArn, segment, expected, actual) => {
    expect(firstDifference(pattern, methodArn)).toEqual({ segment, expected, actual });
  });

  it.each([
    [`${API}/prod/*/*`, `${API}/prod/GET/pets/1`],
    ['arn:aws:execute-api:*:*:*', `${API}/prod/GET/`],
    ['*', `${API}/prod/GET/`],
    ['execute-api:/*', `${API}/prod/GET/`],
  ])('is undefined when %s covers %s', (pattern, methodArn) => {
    expect(firstDifference(pattern, methodArn)).toBeUndefined();
  });
});
