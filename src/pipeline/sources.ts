import type {
  LoggingLevel,
  MethodSetting,
  SearchReport,
  SourceId,
  SourceReport,
  SourceStatus,
  StageConfig,
  Trace,
} from '../evidence/types';
import type { MessageId } from '../render/messages';
import { loggingLevelOf } from '../classify/facts';
import { enableExecutionLoggingCommand } from '../classify/fix';
import { searchedTraceStatus, stageChangedAfter } from '../evidence/sources';
import { accessLogDestination, type AccessLogSearch } from '../locate/access-log-record';
import { joinTexts, msg, type Text } from '../text';

/**
 * How completely each source was read, from what the pipeline did: the execution-log search (denied, missing,
 * partial, not configured, or complete at the level the stage logged at during the window, unknown when the stage
 * changed since), the access-log search, and the configuration reads. And, for a person, what could not be read
 * and what would let why403 read it.
 */

interface StageLogging {
  level?: LoggingLevel;
  dataTrace?: boolean;
  off: boolean;
}

function stageLogging(stage: StageConfig | undefined, windowStart: number | undefined): StageLogging {
  const changedSince = stageChangedAfter(stage, windowStart);
  const methods = methodOverrides(stage);
  // Which method the request called is not known here: a level holds for it only when every method logs at it.
  const every = everyMethodLevel(stage);
  const dataTrace = stage?.methodSettings?.['*/*']?.dataTraceEnabled;
  const tracedAlike = methods.every((m) => (m.dataTraceEnabled ?? dataTrace) === dataTrace);
  return {
    off: every === 'OFF' && !changedSince,
    level: !changedSince && (every === 'INFO' || every === 'ERROR') ? every : undefined,
    dataTrace: changedSince || !tracedAlike ? undefined : dataTrace,
  };
}

/** The level, in upper case, at which every method of the stage logs; undefined when they differ. */
function everyMethodLevel(stage: StageConfig | undefined): string | undefined {
  const level = loggingLevelOf(stage)?.toUpperCase();
  const levels = new Set([
    level,
    ...methodOverrides(stage).map((m) => m.loggingLevel?.toUpperCase() ?? level),
  ]);
  return levels.size === 1 ? level : undefined;
}

/** The settings of single methods (`~1orders~1{id}/GET`), which override the stage-wide one. */
function methodOverrides(stage: StageConfig | undefined): MethodSetting[] {
  const settings = stage?.methodSettings ?? {};
  return Object.entries(settings).flatMap(([key, setting]) => (key === '*/*' ? [] : [setting]));
}

/**
 * A searched stage whose execution log cannot hold the request, and why: execution logging is off there (its group
 * may not exist), or its group does not exist although logging is on: the account has no CloudWatch role for API
 * Gateway, or nothing was written yet (`never-written`, with the role when it is known); `unknown` when the stage's
 * settings could not be read.
 */
export interface StageLogGap {
  restApiId: string;
  stage: string;
  region: string;
  logGroup: string;
  why: 'logging-off' | 'no-role' | 'never-written' | 'unknown';
  role?: string;
}

/** A searched stage, with its settings and the account's API Gateway settings when they were read. */
export interface StageLogState {
  target: { restApiId: string; stage: string; logGroup: string; region: string };
  stage?: StageConfig;
  account?: { cloudwatchRoleArn?: string | null };
}

/** Every method of the stage logs nothing to the execution log. */
export function loggingAllOff(stage: StageConfig): boolean {
  return everyMethodLevel(stage) === 'OFF';
}

/**
 * Why each searched stage's execution log could not hold the request: the stages with logging off (a group that
 * exists counts only when logging was off the whole window), and those whose group does not exist.
 */
export function stageLogGaps(report: SearchReport, states: readonly StageLogState[]): StageLogGap[] {
  return states.flatMap<StageLogGap>(({ target, stage, account }) => {
    const missing = report.missingLogGroups.includes(target.logGroup);
    const gap = { ...target };
    if (stage && loggingAllOff(stage) && (missing || !stageChangedAfter(stage, report.window?.start)))
      return [{ ...gap, why: 'logging-off' }];
    if (!missing) return [];
    if (!stage) return [{ ...gap, why: 'unknown' }];
    if (account && !account.cloudwatchRoleArn) return [{ ...gap, why: 'no-role' }];
    return [
      {
        ...gap,
        why: 'never-written',
        ...(account?.cloudwatchRoleArn ? { role: account.cloudwatchRoleArn } : {}),
      },
    ];
  });
}

/** Why the search could not read a group, in a few words (a source status's reason). */
function gapReason(gap: StageLogGap): Text {
  switch (gap.why) {
    case 'logging-off':
      return msg('source.reason.stage-logging-off', { stage: gap.stage });
    case 'no-role':
      return msg('source.reason.group-missing.no-role', { group: gap.logGroup });
    case 'never-written':
      return msg('source.reason.group-missing.logging-on', { group: gap.logGroup, stage: gap.stage });
    case 'unknown':
      return msg('source.reason.groups-missing', { groups: gap.logGroup });
  }
}

/** The groups that do not exist, each with why when its stage tells it. */
function missingGroupsReason(missing: readonly string[], gaps: readonly StageLogGap[]): Text | undefined {
  const explained = gaps.filter((gap) => missing.includes(gap.logGroup));
  const unexplained = missing.filter((group) => !explained.some((gap) => gap.logGroup === group));
  return joinTexts(
    [
      ...explained.map(gapReason),
      ...(unexplained.length > 0
        ? [msg('source.reason.groups-missing', { groups: unexplained.join(', ') })]
        : []),
    ],
    'search.partial.joined',
  );
}

/** What a search that did not find the request covered. */
function searchStatus(report: SearchReport, gaps: readonly StageLogGap[] = []): SourceStatus | undefined {
  const denied = report.deniedLogGroups?.[0];
  if (denied) return { read: 'denied', action: denied.action, resource: denied.logGroup };
  const missing = report.missingLogGroups;
  const searched = report.logGroups.filter((group) => !missing.includes(group));
  if (report.logGroups.length > 0 && searched.length === 0)
    return { read: 'missing', resource: missing.join(', ') };
  if (report.partial !== undefined) return { read: 'partial', reason: report.partial };
  const reason = missingGroupsReason(missing, gaps);
  return reason === undefined ? undefined : { read: 'partial', reason };
}

export function missingRequestSearchStatus(
  report: SearchReport,
  stage: StageConfig | undefined,
  account?: { cloudwatchRoleArn?: string | null },
  gaps: readonly StageLogGap[] = [],
): SourceStatus {
  const logging = stageLogging(stage, report.window?.start);
  // A stage that logs nothing has no group: say the setting, not "the group does not exist". A search that was
  // refused or cut short still says so.
  if (logging.off && !report.deniedLogGroups?.length && report.partial === undefined) {
    const off = gaps.find((gap) => gap.why === 'logging-off');
    return {
      read: 'not-configured',
      reason: off ? gapReason(off) : msg('source.reason.logging-off'),
    };
  }
  const searched = searchStatus(report, gaps);
  if (searched) return searched;
  if (account && !account.cloudwatchRoleArn)
    return { read: 'not-configured', reason: msg('read.reason.no-role') };
  return {
    read: 'complete',
    ...(logging.level ? { level: logging.level } : {}),
    ...(logging.dataTrace !== undefined ? { dataTrace: logging.dataTrace } : {}),
  };
}

/** A found request's trace: `complete` when every page that could hold its lines was read. */
export function foundRequestTraceStatus(
  trace: Trace,
  complete: boolean,
  stage: StageConfig | undefined,
): SourceStatus {
  const logging = stageLogging(stage, trace.startedAt);
  return searchedTraceStatus(trace, { complete, level: logging.level, dataTrace: logging.dataTrace });
}

/**
 * The access log's status: not configured when the stage writes none, not attempted when the stage (which names
 * it) is unknown or sends it where why403 cannot search; otherwise what the search covered. A record that was
 * there but could not be read in the stage's format is partial: its absence from the evidence proves nothing.
 */
export function accessLogStatus(
  stages: ReadonlyArray<StageConfig | undefined>,
  search: AccessLogSearch | undefined,
): SourceStatus {
  if (stages.length === 0 || stages.some((stage) => stage === undefined)) return { read: 'not-attempted' };
  const destinations = (stages as StageConfig[]).map(accessLogDestination);
  if (destinations.every((d) => d.kind === 'none'))
    return { read: 'not-configured', reason: msg('read.reason.access-log-off') };
  const elsewhere = destinations.find((d) => d.kind === 'elsewhere');
  if (elsewhere?.kind === 'elsewhere')
    return {
      read: 'not-configured',
      reason: msg('read.reason.access-log-elsewhere', { destination: elsewhere.arn }),
    };
  if (!search) return { read: 'not-attempted' };
  if (search.unreadable)
    return {
      read: 'partial',
      reason: msg('read.reason.access-log-unreadable', { group: search.unreadable.target.logGroup }),
    };
  if (search.record) return { read: 'complete' };
  return searchStatus(search.outcome.report) ?? { read: 'complete' };
}

/** Each source's name, in the order the answer lists what it could not read. */
const LABELS: Record<SourceId, MessageId> = {
  'execution-log': 'read.source.execution-log',
  'access-log': 'read.source.access-log',
  'config:rest-api': 'read.source.config-rest-api',
  'config:authorizers': 'read.source.config-authorizers',
  'config:resources': 'read.source.config-resources',
  'config:stage': 'read.source.config-stage',
  'config:account': 'read.source.config-account',
  'config:deployment': 'read.source.config-deployment',
  'authorizer-log': 'read.source.authorizer-log',
  'cache-filler': 'read.source.cache-filler',
};

const ORDER = Object.keys(LABELS) as SourceId[];

/**
 * Every source that could not be read completely, in words, each with the IAM action or the setting that would
 * let why403 read it. Sources read completely, given as excerpts, or simply not needed are left out. The execution
 * log says, per stage, why its log could not hold the request (`gaps`): logging off there, with the command that
 * turns it on, or its group missing, with why when that is known.
 */
export function unreadSources(
  sources: SourceReport,
  search?: SearchReport,
  gaps: readonly StageLogGap[] = [],
): Text[] {
  return ORDER.flatMap((id) => {
    const status = sources[id];
    if (!status) return [];
    if (id !== 'execution-log') return describeUnread(id, status, undefined);
    return describeExecutionLog(status, search, gaps);
  });
}

function describeExecutionLog(
  status: SourceStatus,
  search: SearchReport | undefined,
  gaps: readonly StageLogGap[],
): Text[] {
  const said = describeUnread('execution-log', status, search);
  if (said.length === 0 || gaps.length === 0) return said;
  const perStage = gaps.map(describeGap);
  // A status that only sums up the gaps (no refusal, no search cut short) gives way to them, stage by stage.
  const fromGaps = !search?.deniedLogGroups?.length && search?.partial === undefined;
  return fromGaps ? perStage : [...said, ...perStage];
}

function describeGap(gap: StageLogGap): Text {
  const source = msg(LABELS['execution-log']);
  switch (gap.why) {
    case 'logging-off':
      return msg('read.stage-logging-off', { stage: gap.stage, command: enableExecutionLoggingCommand(gap) });
    case 'no-role':
      return msg('read.group-missing.no-role', { source, group: gap.logGroup, stage: gap.stage });
    case 'never-written':
      return gap.role
        ? msg('read.group-missing.logging-on', {
            source,
            group: gap.logGroup,
            stage: gap.stage,
            role: gap.role,
          })
        : msg('read.group-missing.role-unknown', { source, group: gap.logGroup, stage: gap.stage });
    case 'unknown':
      return msg('read.missing', { source, resource: gap.logGroup });
  }
}

function describeUnread(id: SourceId, status: SourceStatus, search: SearchReport | undefined): Text[] {
  const source = msg(LABELS[id]);
  switch (status.read) {
    case 'denied': {
      const groups = search?.deniedLogGroups ?? [];
      if (groups.length > 1)
        return groups.map((d) => msg('read.denied.group', { source, group: d.logGroup, action: d.action }));
      return [msg('read.denied', { source, action: status.action, resource: status.resource ?? '*' })];
    }
    case 'partial':
      return [msg('read.partial', { source, reason: status.reason })];
    case 'missing':
      return [msg('read.missing', { source, resource: status.resource ?? '' })];
    case 'not-configured':
      return [msg('read.not-configured', { source, reason: status.reason })];
    default:
      return [];
  }
}
