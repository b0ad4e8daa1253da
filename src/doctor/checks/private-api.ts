import { IAC, deployCommands } from '../../classify/fix';
import { msg } from '../../text';
import { updateResourcePolicyCommand } from '../commands';
import type { ApiFacts, DoctorFinding } from '../types';
import { partitionOfRegion } from '../../evidence/assemble';
import { apiScope, output, stageCanary, type CheckOutput } from './helpers';

/**
 * A private API is reached only through an execute-api VPC endpoint that its resource policy allows (domain.md §5):
 * without a policy nothing allows a call, and API Gateway refuses to deploy it ("Private REST API doesn't have a
 * resource policy attached to it", hashicorp/terraform-provider-aws#14290).
 */
export function checkPrivateApiPolicy(api: ApiFacts, account: string | undefined): CheckOutput {
  if (!api.restApi.ok) return output();
  const restApi = api.restApi.value;
  if (!restApi.endpointConfiguration?.types?.includes('PRIVATE')) return output();
  if (restApi.policy && restApi.policy.trim() !== '') return output();
  return output([finding(api, account, restApi.endpointConfiguration.vpcEndpointIds ?? [])]);
}

function finding(api: ApiFacts, account: string | undefined, endpoints: string[]): DoctorFinding {
  const vpce = endpoints.length > 0 ? endpoints : ['<vpce-id>'];
  const resource = `arn:${partitionOfRegion(api.region)}:execute-api:${api.region}:${account ?? '<account-id>'}:${api.restApiId}/*`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: resource,
        Condition: { StringNotEquals: { 'aws:SourceVpce': vpce.length === 1 ? vpce[0] : vpce } },
      },
    ],
  };
  const stages = api.stages.ok ? api.stages.value.map((facts) => facts.stage.stageName) : [];
  const ref = (stage: string) => ({ restApiId: api.restApiId, stage, region: api.region });
  return {
    check: 'private-api-resource-policy',
    severity: 'must-change',
    scope: apiScope(api),
    title: msg('doctor.private-policy.title', { api: api.restApiId }),
    why: msg('doctor.private-policy.why'),
    fix: [
      {
        text: msg(
          endpoints.length > 0
            ? 'doctor.private-policy.fix.policy'
            : 'doctor.private-policy.fix.policy.no-vpce',
          { endpoints: vpce.join(', ') },
        ),
        code: JSON.stringify(policy, null, 2),
        command: updateResourcePolicyCommand(api.restApiId, api.region, policy),
        iac: IAC.resourcePolicy,
      },
      {
        text: msg('fix.redeploy', { what: msg('fix.what.resource-policy') }),
        ...(stages.length > 0
          ? { command: stages.map((stage) => deployCommands(ref(stage), stageCanary(api, stage))).join('\n') }
          : {}),
        iac: IAC.redeploy,
      },
    ],
    evidence: [
      msg('doctor.private-policy.evidence', {
        endpoints: endpoints.length > 0 ? endpoints.join(', ') : '—',
      }),
    ],
  };
}
