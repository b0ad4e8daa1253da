import type { AwsClientSettings } from './clients';

/**
 * The AWS account an access reads: the account of the role it assumes, else the caller's own as STS
 * GetCallerIdentity names it (no permission needed). API Gateway's management API reads only the caller's own
 * APIs, so this is the account of every API read through the access. Asked at most once per access; a failed or
 * slow answer is no answer (undefined), never an error, and is asked again next time. SDK shapes stop here.
 */

const ROLE_ACCOUNT = /^arn:[\w-]+:iam::(\d{12}):role\//;
/** STS answers in milliseconds; an endpoint that does not answer must not hold up a diagnosis. */
const LOOKUP_MS = 2_000;

export type AccountLookup = (signal?: AbortSignal) => Promise<string | undefined>;

export function accountLookup(
  settings: AwsClientSettings & { maxAttempts?: number },
  roleArn?: string,
): AccountLookup {
  const ofRole = roleArn ? ROLE_ACCOUNT.exec(roleArn)?.[1] : undefined;
  if (ofRole) return () => Promise.resolve(ofRole);
  let known: Promise<string | undefined> | undefined;
  return (signal) => {
    known ??= callerAccount(settings, signal).then((account) => {
      if (account === undefined) known = undefined;
      return account;
    });
    return known;
  };
}

async function callerAccount(settings: AwsClientSettings, signal?: AbortSignal): Promise<string | undefined> {
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ ...settings, maxAttempts: 1 });
  const timeout = AbortSignal.timeout(LOOKUP_MS);
  try {
    const output = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    return typeof output.Account === 'string' && /^\d{12}$/.test(output.Account) ? output.Account : undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
