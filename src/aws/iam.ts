import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import { AwsNotFoundError, toAwsError, wrongShape } from './errors';
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
  ) {}

  async callerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
    const output = await this.send('GetCallerIdentity', '*', () =>
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
      const page = await this.send('SimulatePrincipalPolicy', principalArn, () =>
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

  private async send<T>(operation: string, resource: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const name = (error as { name?: string }).name;
      // IAM answers NoSuchEntity for a principal it does not know (a role whose path the session ARN dropped).
      if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') {
        throw new AwsNotFoundError(`${resource} is not an IAM user or role IAM knows`, operation, resource, {
          cause: error,
        });
      }
      throw toAwsError(error, operation, resource);
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

export function createIdentityReader(settings: ClientSettings): IdentityReader {
  return new IdentityReader(
    refuseEmptyBodies(new STSClient(settings)),
    refuseEmptyBodies(new IAMClient(settings)),
  );
}
