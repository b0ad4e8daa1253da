import nock from 'nock';
import { AwsClientPool } from '../../src/aws/clients';
import { AwsAccessDeniedError, explainAwsError } from '../../src/aws/errors';
import { rejectionOf } from '../support/failures';

/**
 * An API in another partition (China, GovCloud): the SDK calls that partition's endpoint, and a denied read names
 * the resource with that partition's ARN, the one an IAM policy there must grant (arn:aws:… matches nothing there).
 */

const API_ID = 'abc1234567';

describe('a denied API Gateway read names the resource in its own partition', () => {
  it.each([
    ['eu-west-1', 'https://apigateway.eu-west-1.amazonaws.com', 'aws'],
    ['cn-north-1', 'https://apigateway.cn-north-1.amazonaws.com.cn', 'aws-cn'],
    ['cn-northwest-1', 'https://apigateway.cn-northwest-1.amazonaws.com.cn', 'aws-cn'],
    ['us-gov-west-1', 'https://apigateway.us-gov-west-1.amazonaws.com', 'aws-us-gov'],
  ])('%s: %s answers, the grant names arn:%s:apigateway', async (region, endpoint, partition) => {
    nock(endpoint)
      .get(`/restapis/${API_ID}/stages/prod`)
      .reply(
        403,
        { message: 'User is not authorized to access this resource' },
        { 'x-amzn-errortype': 'AccessDeniedException' },
      );
    const access = await new AwsClientPool({ retry: { sleep: async () => undefined } }).forTarget({ region });

    const error = await rejectionOf<AwsAccessDeniedError>(access.restApi.getStage(API_ID, 'prod'));

    const arn = `arn:${partition}:apigateway:${region}::/restapis/${API_ID}/stages/prod`;
    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error.resource).toBe(arn);
    expect(explainAwsError(error).message).toContain(`apigateway:GET on ${arn}`);
  });
});
