import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import { AwsNotFoundError, sdkCause, wrongShape } from './errors';
import { callAws } from './call';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { PageGuard } from './paging';
import { refuseEmptyBodies } from './empty-body';
import type { AwsClientSettings } from './clients';

/**
 * Who why403 runs as (STS GetCallerIdentity) and what IAM lets that principal do (IAM SimulatePrincipalPolicy,
 * awsQuery over XML). Loaded only by `why403 doctor`. SDK shapes stop here.
 */

export type ClientSettings = AwsClientSettings & { region: string };

export interface CallerIdentity {
  account: string;
  /** As STS gives it: an IAM user or role ARN, or an `assumed-role` session ARN. */
  arn: string;
}

export type SimulationDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface SimulatedAction {
  action: string;
  /** The most restrictive decision over every resource asked about. */
  decision: SimulationDecision;
  /** Resources whose own decision was not `allowed` (when IAM returned per-resource results). */
  refused: string[];
}

export class IdentityReader {
  constructor(
    private readonly sts: STSClient,
    private readonly iam: IAMClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  async callerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
    const output = await this.send('GetCallerIdentity', '*', signal, () =>
      this.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
    );
    if (
      typeof output.Account !== 'string' ||
      typeof output.Arn !== 'string' ||
      !output.Account ||
      !output.Arn
    )
      throw wrongShape('GetCallerIdentity', '*', 'no "Account" or "Arn"');
    return { account: output.Account, arn: output.Arn };
  }

  /** Asks IAM whether `principalArn` may call each action on the resources; follows `Marker` through every page. */
  async simulate(
    principalArn: string,
    actions: readonly string[],
    resources: readonly string[],
    signal?: AbortSignal,
  ): Promise<SimulatedAction[]> {
    const results: SimulatedAction[] = [];
    const guard = new PageGuard('Marker');
    let marker: string | undefined;
    do {
      const page = await this.send('SimulatePrincipalPolicy', principalArn, signal, () =>
        this.iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: principalArn,
            ActionNames: [...actions],
            ResourceArns: [...resources],
            Marker: marker,
          }),
          { abortSignal: signal },
        ),
      );
      const evaluated = page.EvaluationResults ?? [];
      results.push(...evaluated.map(toSimulatedAction));
      marker = page.IsTruncated ? page.Marker : undefined;
      const problem = guard.problem(marker, evaluated.length);
      if (problem) throw wrongShape('SimulatePrincipalPolicy', principalArn, problem);
    } while (marker);
    return results;
  }

  /** One call, retried as every reader retries (throttling, 5xx, a dropped connection), within the budget. */
  private async send<T>(
    operation: string,
    resource: string,
    signal: AbortSignal | undefined,
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await callAws(call, { operation, resource, policy: this.retry, signal });
    } catch (error) {
      const { name } = sdkCause(error);
      // IAM answers NoSuchEntity for a principal it does not know (a role whose path the session ARN dropped).
      if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') {
        throw new AwsNotFoundError(`${resource} is not an IAM user or role IAM knows`, operation, resource, {
          cause: (error as Error).cause,
        });
      }
      throw error;
    }
  }
}

function toSimulatedAction(result: EvaluationResult): SimulatedAction {
  return {
    action: result.EvalActionName ?? '',
    decision: (result.EvalDecision ?? 'implicitDeny') as SimulationDecision,
    refused: (result.ResourceSpecificResults ?? [])
      .filter((r) => r.EvalResourceDecision !== 'allowed')
      .map((r) => r.EvalResourceName ?? ''),
  };
}

/** `retry`: the pool's policy; the SDK's own retries are off, as for every other reader. */
export function createIdentityReader(settings: ClientSettings, retry?: RetryPolicy): IdentityReader {
  const once = { ...settings, maxAttempts: 1 };
  return new IdentityReader(
    refuseEmptyBodies(new STSClient(once)),
    refuseEmptyBodies(new IAMClient(once)),
    retry,
  );
}
