import type { FakeAwsWorld } from './types';

/**
 * What `why403 doctor` reads beyond CloudWatch Logs and API Gateway: who the caller is (STS), what IAM lets a
 * principal do (the policy simulator), and Lambda functions' resource-based policies. Optional parts of a world.
 */
export interface IdentityWorld {
  /** The ARN GetCallerIdentity answers (an assumed-role session, as a bot runs). */
  caller?: { arn: string };
  /** IAM users and roles by ARN, with their identity policies (what SimulatePrincipalPolicy evaluates). */
  principals?: Record<string, { policies: PolicyDocument[] }>;
  /** Lambda functions by ARN (`…:function:name`, or `…:function:name:alias` for an alias's own policy). */
  functions?: Record<string, { policy?: PolicyDocument }>;
  /**
   * How Lambda answers GetPolicy on another account's function the caller may not read: AccessDeniedException
   * (the default), or ResourceNotFoundException "Function not found", as it also does.
   */
  foreignFunctions?: 'access-denied' | 'not-found';
}

export interface PolicyDocument {
  Version?: string;
  Statement: Array<Record<string, unknown>>;
}

export function identityWorld(world: FakeAwsWorld): IdentityWorld {
  return world as FakeAwsWorld & IdentityWorld;
}
