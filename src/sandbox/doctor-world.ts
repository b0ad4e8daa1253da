import readOnlyPolicy from '../../iam/why403-read-only.json';
import type { FakeAwsWorld } from './fake-aws/types';
import type { IdentityWorld } from './fake-aws/identity-world';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, SCENARIOS } from './world';

/**
 * What `why403 doctor` reads in the sandbox besides the APIs: the bot's identity (an assumed role with the
 * read-only policy, so IAM can simulate it) and the authorizer functions' resource policies. The orders API is
 * the misconfigured one: its staging authorizer's function allows API Gateway only for one method, a
 * methods-style SourceArn that does not cover the authorizer (the sandbox's invoke-permission 500).
 */

const ORDERS = SCENARIOS.cached.restApiId;
const BOT_ROLE = `arn:aws:iam::${SANDBOX_ACCOUNT}:role/why403-bot`;
const FUNCTION = (name: string) => `arn:aws:lambda:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:function:${name}`;
const EXECUTE_API = `arn:aws:execute-api:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:${ORDERS}`;

function invokePolicy(name: string, sourceArn: string): NonNullable<IdentityWorld['functions']>[string] {
  return {
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: `apigateway-${name}`,
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: FUNCTION(name),
          Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } },
        },
      ],
    },
  };
}

export function withDoctorWorld(world: FakeAwsWorld): FakeAwsWorld & IdentityWorld {
  return {
    ...world,
    caller: { arn: `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/why403-bot/sandbox` },
    principals: { [BOT_ROLE]: { policies: [readOnlyPolicy] } },
    functions: {
      [FUNCTION('orders-authorizer')]: invokePolicy('orders-authorizer', `${EXECUTE_API}/authorizers/*`),
      [FUNCTION('orders-authorizer-v2')]: invokePolicy(
        'orders-authorizer-v2',
        `${EXECUTE_API}/*/GET/staging-check`,
      ),
    },
  };
}
