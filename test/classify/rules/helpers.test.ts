import { accessLogShowsNoLambdaCall } from '../../../src/classify/rules/helpers';
import { evidence } from '../../support/evidence';

const ID = '0d3c2b1a-4e5f-4a6b-9c7d-8e9f0a1b2c3d';

/** domain.md §6.6: `-` is a variable the format logs and the request did not set; a field not logged is unknown. */
describe('accessLogShowsNoLambdaCall', () => {
  it.each([
    ['the authorizer fields not in the format', {}, false],
    ['$context.authorizer.requestId logged as "-"', { 'authorizer.requestId': '-' }, true],
    ['$context.authorizer.latency logged empty', { '$context.authorizer.latency': ' ' }, true],
    ["nested, under the owner's names", { authorizer: { integrationStatus: '-' } }, true],
    ['flat owner name authorizer_status', { authorizer_status: '-' }, true],
    ['only the principal "-" (no policy: every 401 cause)', { 'authorizer.principalId': '-' }, false],
    [
      'latency "-" but the invocation id set',
      { 'authorizer.latency': '-', authorizerRequestId: 'abc-1' },
      false,
    ],
    [
      'the integration status set',
      { 'authorizer.requestId': '-', 'authorizer.integrationStatus': '200' },
      false,
    ],
    ['a JSON null (not what API Gateway writes)', { 'authorizer.requestId': null }, false],
  ])('%s', (_name, fields, expected) => {
    const found = evidence({ accessLog: { requestId: ID, status: '401', ...fields } });
    expect(accessLogShowsNoLambdaCall(found)).toBe(expected);
  });

  it('is false without an access log', () => {
    expect(accessLogShowsNoLambdaCall(evidence({ status: 401 }))).toBe(false);
  });
});
