import { accessLogShowsNoLambdaCall, integrationCallError } from '../../../src/classify/rules/helpers';
import { cloudwatch, evidence } from '../../support/evidence';

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

/**
 * domain.md §6.4, step 10: the method's execution lines are written only once authorization is over, so a permission
 * line after any of them is the integration's, whether or not the method's end was pasted. The trace has an
 * authorizer step and no final status, so only the line's place decides.
 */
describe('integrationCallError places a permission line after the method started', () => {
  const PERMISSION = 'Execution failed due to configuration error: Invalid permissions on Lambda function';
  const AUTHORIZER = [
    `Starting authorizer: auth01 for request: ${ID}`,
    'Successfully completed authorizer execution',
  ];
  it.each([
    ['Starting execution for request', `Starting execution for request: ${ID}`, true],
    ['HTTP Method', 'HTTP Method: GET, Resource Path: /items', true],
    ['Method request path', 'Method request path: {id=1}', true],
    ['Method request query string', 'Method request query string: {}', true],
    ['Method request headers', 'Method request headers: {Accept=*/*}', true],
    ['Method request body before transformations', 'Method request body before transformations: ', true],
    ['an empty body, its trailing space not pasted', 'Method request body before transformations:', true],
    ['an authorizer line only', 'Incoming identity: ****abcdef', false],
  ])('%s', (_name, line, expected) => {
    const found = evidence({ log: cloudwatch(ID, ...AUTHORIZER, line, PERMISSION) });
    expect(integrationCallError(found) !== undefined).toBe(expected);
  });

  it('does not place the line after a method line written after it', () => {
    const found = evidence({ log: cloudwatch(ID, ...AUTHORIZER, PERMISSION, 'Method request path: {}') });
    expect(integrationCallError(found)).toBeUndefined();
  });
});
