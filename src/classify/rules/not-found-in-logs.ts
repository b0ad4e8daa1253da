import type { Evidence, SourceId, SourceStatus } from '../../evidence/types';
import type { ChecklistStep, FindingDraft, FiredSignals, Rule, Signal } from '../types';
import { IAC, enableExecutionLoggingCommand, idsOf } from '../fix';
import { formatUtc } from '../../time';
import { loggingLevelOf } from '../facts';
import { readCompletely, sourceStatus } from '../../evidence/sources';
import { msg, type Message, type Text } from '../../text';
import type { MessageId } from '../../render/messages';
import { partitionOfRegion } from '../../evidence/assemble';

/**
 * not-found-in-logs: the request is in none of the logs searched. Decisive (the only way to `high`): every
 * relevant execution-log group was searched over the whole window, the stage logged at INFO, and the access log
 * (when the stage writes one) was searched too — then the request really is not in this stage's logs. Anything
 * less is inconclusive: the verdict says what could not be read and what would let why403 read it.
 */

function accessLogConfigured(evidence: Evidence): boolean | undefined {
  const stage = evidence.config.stage;
  if (!stage) return undefined;
  return Boolean(stage.accessLogSettings?.destinationArn);
}

const searchedEverything: Signal = {
  id: 'every-log-searched-completely-at-info',
  holds: (evidence) =>
    readCompletely(evidence, 'execution-log', { level: 'INFO' }) &&
    (accessLogConfigured(evidence) === false || readCompletely(evidence, 'access-log')),
};

export const notFoundInLogs: Rule = {
  cause: 'not-found-in-logs',
  step: 'logging',
  decisive: [searchedEverything],
  supporting: [],
  contradicting: [],
  check,
};

function check(evidence: Evidence, fired: FiredSignals): FindingDraft | undefined {
  const search = evidence.search;
  if (!search || search.found || evidence.accessLog) return undefined;
  const certain = fired.decisive.length > 0;
  return {
    title: certain ? undefined : msg('not-found-in-logs.title.inconclusive'),
    summary: summary(evidence, certain),
    evidence: checks(evidence),
    checklist: checklist(evidence),
    settle: [msg('not-found-in-logs.settle.request-id'), msg('not-found-in-logs.settle.where')],
  };
}

function summary(evidence: Evidence, certain: boolean): Message {
  const id = evidence.request.requestId ?? '';
  const execution = sourceStatus(evidence, 'execution-log');
  if (execution.read === 'missing') return msg('not-found-in-logs.summary.no-group', { requestId: id });
  if (certain) return msg('not-found-in-logs.summary.not-there', { requestId: id });
  return msg('not-found-in-logs.summary.inconclusive', { requestId: id });
}

const SOURCE_LABELS: Partial<Record<SourceId, MessageId>> = {
  'execution-log': 'source.execution-log',
  'access-log': 'source.access-log',
  'authorizer-log': 'source.authorizer-log',
  'config:stage': 'source.config-stage',
  'config:rest-api': 'source.config-rest-api',
  'config:account': 'source.config-account',
};

/** What a source's status says, for a reader deciding whether to trust an absence. */
export function describeSource(id: SourceId, status: SourceStatus): Message | undefined {
  const label = SOURCE_LABELS[id];
  if (!label) return undefined;
  const source = msg(label);
  switch (status.read) {
    case 'complete':
      return undefined;
    case 'excerpt':
      return msg('source.excerpt', { source });
    case 'partial':
      return msg('source.partial', { source, reason: status.reason });
    case 'denied':
      return msg('source.denied', { source, action: status.action, resource: status.resource ?? '*' });
    case 'missing':
      return msg('source.missing', { source, resource: status.resource ?? '' });
    case 'not-configured':
      return msg('source.not-configured', { source, reason: status.reason });
    case 'not-attempted':
      return msg('source.not-attempted', { source });
  }
}

/** What was checked and what was found. */
function checks(evidence: Evidence): Text[] {
  const { search, config } = evidence;
  const lines: Text[] = [];
  if (search) {
    lines.push(
      search.logGroups.length > 0
        ? msg('not-found-in-logs.evidence.searched', { groups: search.logGroups.join(', ') })
        : msg('not-found-in-logs.evidence.searched-nothing'),
    );
    if (search.window)
      lines.push(
        msg('not-found-in-logs.evidence.window', {
          start: formatUtc(search.window.start),
          end: formatUtc(search.window.end),
        }),
      );
  }
  for (const id of ['execution-log', 'access-log'] as const) {
    const described = describeSource(id, sourceStatus(evidence, id));
    if (described && !(id === 'access-log' && accessLogConfigured(evidence) === false)) lines.push(described);
  }
  const level = loggingLevelOf(config.stage);
  if (level) {
    lines.push(
      msg(level === 'ERROR' ? 'not-found-in-logs.evidence.level-error' : 'not-found-in-logs.evidence.level', {
        level,
      }),
    );
  }
  if (config.account && !config.account.cloudwatchRoleArn)
    lines.push(msg('not-found-in-logs.evidence.no-role'));
  if (config.stage?.webAclArn)
    lines.push(msg('not-found-in-logs.evidence.web-acl', { arn: config.stage.webAclArn }));
  if (accessLogConfigured(evidence) === false) lines.push(msg('not-found-in-logs.evidence.access-log-off'));
  // AWS answers every call to a disabled default endpoint 403 Forbidden, before any stage (developer guide).
  if (config.restApi?.disableExecuteApiEndpoint === true)
    lines.push(
      msg('not-found-in-logs.evidence.default-endpoint-off', {
        api: config.restApi.id ?? evidence.request.restApiId ?? '',
      }),
    );
  lines.push(...evidence.gaps);
  return lines;
}

function checklist(evidence: Evidence): ChecklistStep[] {
  const ids = idsOf(evidence);
  const steps: ChecklistStep[] = [];
  for (const id of ['execution-log', 'access-log'] as const) {
    const status = sourceStatus(evidence, id);
    if (status.read === 'denied') {
      steps.push({
        text: msg('not-found-in-logs.fix.grant', { action: status.action, resource: status.resource ?? '*' }),
      });
    }
  }
  if (evidence.config.account && !evidence.config.account.cloudwatchRoleArn) {
    steps.push({
      text: msg('not-found-in-logs.fix.account-role'),
      command: `aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn,value=arn:${partitionOfRegion(ids.region)}:iam::${ids.accountId}:role/<apigateway-cloudwatch-role>`,
    });
  }
  steps.push(
    {
      text: msg('not-found-in-logs.fix.enable-logging'),
      command: enableExecutionLoggingCommand(ids),
      iac: IAC.logging,
    },
    { text: msg('not-found-in-logs.fix.access-logging') },
    { text: msg('not-found-in-logs.fix.config-only') },
  );
  return steps;
}
