/**
 * The IAM principal to simulate for the identity STS reports: an assumed-role session is simulated as its role
 * (the session ARN drops the role's path, so a role with a path is not found and the check falls back to trying
 * reads); IAM users and roles as they are; the account root and federated users cannot be simulated.
 */
const ASSUMED_ROLE = /^arn:(?<partition>[\w-]+):sts::(?<account>\d{12}):assumed-role\/(?<role>[^/]+)\/.+$/;
const IAM_ENTITY = /^arn:[\w-]+:iam::\d{12}:(?:user|role)\/.+$/;

export function principalToSimulate(callerArn: string): string | undefined {
  const assumed = ASSUMED_ROLE.exec(callerArn)?.groups;
  if (assumed) return `arn:${assumed.partition}:iam::${assumed.account}:role/${assumed.role}`;
  return IAM_ENTITY.test(callerArn) ? callerArn : undefined;
}

export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}
