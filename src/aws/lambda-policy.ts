import { GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { refuseEmptyBodies } from './empty-body';
import { callAws } from './call';
import { sdkCause } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import type { ClientSettings } from './iam';

/**
 * A Lambda function's resource-based policy (GetPolicy, REST JSON; the policy arrives as a JSON string), read by
 * `why403 doctor` to see whether API Gateway may invoke an authorizer. Loaded only by doctor. SDK shapes stop here.
 */

export type FunctionPolicy =
  | { kind: 'policy'; document: string }
  /** The function exists but has no resource-based policy at all. */
  | { kind: 'none' }
  | { kind: 'no-function' };

const QUALIFIED = /^(?<arn>arn:[\w-]+:lambda:[\w-]+:\d{12}:function:[^:]+)(?::(?<qualifier>[^:]+))?$/;

export class LambdaPolicyReader {
  constructor(
    private readonly client: LambdaClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** The policy of the function, or of its alias or version when the ARN names one (each has its own policy). */
  async getPolicy(functionArn: string, signal?: AbortSignal): Promise<FunctionPolicy> {
    const groups = QUALIFIED.exec(functionArn)?.groups;
    const command = new GetPolicyCommand({
      FunctionName: groups?.arn ?? functionArn,
      Qualifier: groups?.qualifier,
    });
    try {
      const output = await callAws(() => this.client.send(command, { abortSignal: signal }), {
        operation: 'GetPolicy',
        resource: functionArn,
        policy: this.retry,
        signal,
      });
      return output.Policy ? { kind: 'policy', document: output.Policy } : { kind: 'none' };
    } catch (error) {
      const { name, message } = sdkCause(error);
      // One error code for both: "The resource you requested does not exist." vs "Function not found: <arn>".
      if (name === 'ResourceNotFoundException')
        return /^Function not found/i.test(message ?? '') ? { kind: 'no-function' } : { kind: 'none' };
      throw error;
    }
  }
}

/** `retry`: the pool's policy; the SDK's own retries are off, as for every other reader. */
export function createLambdaPolicyReader(settings: ClientSettings, retry?: RetryPolicy): LambdaPolicyReader {
  return new LambdaPolicyReader(refuseEmptyBodies(new LambdaClient({ ...settings, maxAttempts: 1 })), retry);
}
