import { msg } from '../../text';
import { DOCTOR_IAC, cloudwatchRoleCommands, putPolicyCommand } from '../commands';
import { DOCTOR_POLICY_FILE, READ_ONLY_POLICY_FILE } from '../required-permissions';
import type { AccountFacts, DoctorFinding, PermissionFacts, PermissionResult, Scope } from '../types';
import { couldNotCheck, merge, output, passed, type CheckOutput } from './helpers';

/** Account-wide settings: the CloudWatch role API Gateway logs through, and what why403 itself may read. */
export function checkAccount(account: AccountFacts): CheckOutput {
  const scope: Scope = {
    region: account.region,
    accountId: account.caller.ok ? account.caller.value.account : undefined,
  };
  return merge([cloudwatchRole(account, scope), identity(account, scope)]);
}

function cloudwatchRole(account: AccountFacts, scope: Scope): CheckOutput {
  const role = account.cloudwatchRole;
  if (!role.ok) return output([couldNotCheck(msg('doctor.what.cloudwatch-role'), role.problem, scope)]);
  if (role.value) {
    return passed('cloudwatch-role', scope, msg('doctor.cloudwatch-role.ok', { role: role.value }));
  }
  return output([
    {
      check: 'cloudwatch-role',
      severity: 'must-change',
      scope,
      title: msg('doctor.cloudwatch-role.title', { region: account.region }),
      why: msg('doctor.cloudwatch-role.why'),
      fix: [
        {
          text: msg('doctor.cloudwatch-role.fix'),
          command: cloudwatchRoleCommands(scope.accountId ?? '<account-id>', account.region),
          iac: DOCTOR_IAC.cloudwatchRole,
        },
      ],
      evidence: [],
    },
  ]);
}

function identity(account: AccountFacts, scope: Scope): CheckOutput {
  if (!account.caller.ok)
    return output([couldNotCheck(msg('doctor.what.identity'), account.caller.problem, scope)]);
  const permissions = account.permissions;
  if (!permissions) return output();
  const findings: DoctorFinding[] = [];
  if (permissions.simulation && !permissions.simulation.ok) {
    findings.push(
      couldNotCheck(msg('doctor.what.simulation'), permissions.simulation.problem, scope, {
        policyFile: DOCTOR_POLICY_FILE,
        missing: msg('doctor.unchecked.fix.principal-missing'),
      }),
    );
  }
  if (!account.caller.value.principal) {
    findings.push({
      check: 'bot-permissions',
      severity: 'advice',
      scope,
      title: msg('doctor.bot-permissions.no-principal.title', { arn: account.caller.value.arn }),
      why: msg('doctor.bot-permissions.no-principal.why'),
      fix: [{ text: msg('doctor.bot-permissions.no-principal.fix', { file: READ_ONLY_POLICY_FILE }) }],
      evidence: [],
    });
  }
  const result = permissionFindings(
    permissions,
    account.caller.value.principal ?? account.caller.value.arn,
    scope,
  );
  return merge([output(findings), result]);
}

function permissionFindings(permissions: PermissionFacts, principal: string, scope: Scope): CheckOutput {
  const { results } = permissions;
  const denied = results.filter((r) => r.outcome === 'denied');
  const unknown = results.filter((r) => r.outcome === 'unknown');
  const findings = [
    ...(denied.length > 0 ? [deniedFinding(denied, principal, scope)] : []),
    ...(unknown.length > 0 ? [unknownFinding(unknown, scope)] : []),
  ];
  if (findings.length > 0 || results.length === 0) return output(findings);
  const simulated = results.every((r) => r.via === 'simulation');
  return passed(
    'bot-permissions',
    scope,
    msg(simulated ? 'doctor.bot-permissions.ok.simulated' : 'doctor.bot-permissions.ok.probed', {
      count: results.length,
      principal,
    }),
  );
}

/** What why403 needs and may not do: the policy file to attach, with the command that attaches it. */
function deniedFinding(denied: PermissionResult[], principal: string, scope: Scope): DoctorFinding {
  return {
    check: 'bot-permissions',
    severity: 'must-change',
    scope,
    title: msg('doctor.bot-permissions.denied.title', {
      count: denied.length,
      actions: [...new Set(denied.map((r) => r.action))].join(', '),
    }),
    why: msg('doctor.bot-permissions.denied.why'),
    fix: [
      {
        text: msg('doctor.bot-permissions.denied.fix', { file: READ_ONLY_POLICY_FILE }),
        command: putPolicyCommand(principal, READ_ONLY_POLICY_FILE),
      },
    ],
    evidence: denied.map((r) =>
      msg(
        r.via === 'simulation'
          ? 'doctor.bot-permissions.evidence.simulated'
          : 'doctor.bot-permissions.evidence.tried',
        { action: r.action, resources: r.resources.join(' '), sid: r.sid },
      ),
    ),
  };
}

/** What could be neither simulated nor tried: the doctor's own permissions would tell. */
function unknownFinding(unknown: PermissionResult[], scope: Scope): DoctorFinding {
  return {
    check: 'bot-permissions',
    severity: 'advice',
    scope,
    title: msg('doctor.bot-permissions.unknown.title', {
      actions: [...new Set(unknown.map((r) => r.action))].join(', '),
    }),
    why: msg('doctor.bot-permissions.unknown.why'),
    fix: [{ text: msg('doctor.bot-permissions.unknown.fix', { file: DOCTOR_POLICY_FILE }) }],
    evidence: unknown.map((r) =>
      r.problem
        ? msg('doctor.bot-permissions.evidence.unavailable', {
            action: r.action,
            operation: r.problem.operation,
          })
        : msg('doctor.bot-permissions.evidence.no-probe', { action: r.action }),
    ),
  };
}
