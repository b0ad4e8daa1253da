import { DescribeLogGroupsCommand, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { ACCOUNT, API_ID, DEV_GROUP, failure, PROD_GROUP, REGION, useFakeAws } from './fixtures';

describe('fake CloudWatch Logs: DescribeLogGroups', () => {
  const start = useFakeAws();

  it('pages the groups under a prefix, sorted by name', async () => {
    const { logs } = await start();
    const prefix = `API-Gateway-Execution-Logs_${API_ID}/`;

    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 1 }));
    const second = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 1, nextToken: first.nextToken }),
    );

    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual([DEV_GROUP]);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(second.logGroups?.map((g) => g.logGroupName)).toEqual([PROD_GROUP]);
    expect(second.nextToken).toBeUndefined();
    const arn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${PROD_GROUP}`;
    expect(second.logGroups?.[0]).toMatchObject({
      arn: `${arn}:*`,
      logGroupArn: arn,
      creationTime: expect.any(Number),
      storedBytes: expect.any(Number),
    });
  });

  it('lists every group with the SDK paginator and nothing for an unknown prefix', async () => {
    const { logs } = await start();
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 2 }, {})) {
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName ?? ''));
    }
    const none = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'nope' }));

    expect(names).toEqual(['/aws/lambda/orders-authorizer', DEV_GROUP, PROD_GROUP]);
    expect(none.logGroups).toEqual([]);
  });

  it('refuses a limit above 50', async () => {
    const { logs } = await start();

    expect((await failure(logs.send(new DescribeLogGroupsCommand({ limit: 51 })))).name).toBe(
      'InvalidParameterException',
    );
  });
});
