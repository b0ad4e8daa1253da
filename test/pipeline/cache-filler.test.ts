import { chooseFiller, type FillerKeys } from '../../src/pipeline/cache-filler';
import type { AuthorizerCall } from '../../src/locate/cache-origin';

/** Which authorizer call within the TTL filled the cache that answered a request (table-driven). */

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';
const ME = '0c5e6a7b-1f2d-4c3b-9a8e-7d6c5b4a3f18';
const IDENTITY = 'Incoming identity: ************************************************Xy9pQ2';
const OTHER_IDENTITY = 'Incoming identity: ************************************************Ab3dE5';

function call(
  id: string,
  time: number,
  resource: string,
  extra: Partial<AuthorizerCall> = {},
): AuthorizerCall {
  const policyDocument = {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${ARN}/${resource}` }],
  };
  return {
    requestId: id,
    time,
    resultBody: JSON.stringify({ principalId: `p-${id}`, policyDocument }),
    principalId: `p-${id}`,
    policyDocument,
    ...extra,
  };
}

const keys: FillerKeys = { requestId: ME, methodArn: `${ARN}/GET/orders/18` };

describe('chooseFiller', () => {
  it.each<
    [string, AuthorizerCall[], Partial<FillerKeys>, boolean, string | undefined, string | undefined, number?]
  >([
    [
      'the call with the same identity, among others that miss',
      [
        call('a', 1, 'GET/orders/17', { identity: IDENTITY }),
        call('b', 2, 'GET/orders/3', { identity: OTHER_IDENTITY }),
      ],
      { identity: IDENTITY },
      true,
      'a',
      'identity',
      2,
    ],
    [
      'the latest of two calls with the same identity',
      [
        call('a', 1, 'GET/orders/17', { identity: IDENTITY }),
        call('c', 5, 'GET/orders/9', { identity: IDENTITY }),
      ],
      { identity: IDENTITY },
      true,
      'c',
      'identity',
      2,
    ],
    [
      'none when every call of that identity covers the method (its policy would have allowed the request)',
      [
        call('a', 1, 'GET/orders/*', { identity: IDENTITY }),
        call('b', 2, 'GET/orders/3', { identity: OTHER_IDENTITY }),
      ],
      { identity: IDENTITY },
      true,
      undefined,
      undefined,
      0,
    ],
    [
      'the call whose principalId is the access log’s',
      [call('a', 1, 'GET/orders/17'), call('b', 2, 'GET/orders/3')],
      { principalId: 'p-a' },
      true,
      'a',
      'principal-id',
      2,
    ],
    [
      'the only call that misses the method, the whole window read',
      [call('a', 1, 'GET/orders/17'), call('b', 2, 'GET/orders/*'), call(ME, 3, 'GET/orders/18')],
      {},
      true,
      'a',
      'only-candidate',
      1,
    ],
    [
      'one of several when the window was read only partly, even if one call was seen',
      [call('a', 1, 'GET/orders/17')],
      {},
      false,
      'a',
      'one-of-several',
      1,
    ],
    [
      'the latest of several that miss, named as one of several',
      [call('a', 1, 'GET/orders/17'), call('b', 4, 'GET/orders/3')],
      {},
      true,
      'b',
      'one-of-several',
      2,
    ],
    [
      'never a call whose identity differs from the request’s',
      [call('b', 2, 'GET/orders/3', { identity: OTHER_IDENTITY })],
      { identity: IDENTITY },
      true,
      undefined,
      undefined,
      0,
    ],
    ['none without calls', [], {}, true, undefined, undefined, 0],
  ])('%s', (_label, calls, extra, whole, requestId, foundBy, candidates) => {
    const origin = chooseFiller(calls, { ...keys, ...extra }, whole);
    expect([origin?.requestId, origin?.foundBy]).toEqual([requestId, foundBy]);
    expect(origin?.candidates ?? 0).toBe(candidates);
  });

  it('carries what the rule shows: the method it was cached for, the body and policy returned', () => {
    const filler = call('a', 1, 'GET/orders/17', {
      identity: IDENTITY,
      methodArn: `${ARN}/GET/orders/17`,
    });
    expect(chooseFiller([filler], { ...keys, identity: IDENTITY }, true)).toEqual({
      requestId: 'a',
      time: 1,
      methodArn: `${ARN}/GET/orders/17`,
      resultBody: filler.resultBody,
      policyDocument: filler.policyDocument,
      identity: IDENTITY,
      foundBy: 'identity',
      candidates: 1,
    });
  });
});
