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
import { searchedTraceStatus, stageChangedAfter } from '../evidence/sources';
import { accessLogDestination, type AccessLogSearch } from '../locate/access-log-record';
import { msg, type Text } from '../text';

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
  const level = loggingLevelOf(stage)?.toUpperCase();
  const changedSince = stageChangedAfter(stage, windowStart);
  const methods = methodOverrides(stage);
  const levels = new Set([level, ...methods.map((m) => m.loggingLevel?.toUpperCase() ?? level)]);
  // Which method the request called is not known here: a level holds for it only when every method logs at it.
  const every = levels.size === 1 ? level : undefined;
  const dataTrace = stage?.methodSettings?.['*/*']?.dataTraceEnabled;
  const tracedAlike = methods.every((m) => (m.dataTraceEnabled ?? dataTrace) === dataTrace);
  return {
    off: every === 'OFF' && !changedSince,
    level: !changedSince && (every === 'INFO' || every === 'ERROR') ? every : undefined,
    dataTrace: changedSince || !tracedAlike ? undefined : dataTrace,
  };
}

/** The settings of single methods (`~1orders~1{id}/GET`), which override the stage-wide one. */
function methodOverrides(stage: StageConfig | undefined): MethodSetting[] {
  const settings = stage?.methodSettings ?? {};
  return Object.entries(settings).flatMap(([key, setting]) => (key === '*/*' ? [] : [setting]));
}

/** What a search that did not find the request covered. */
function searchStatus(report: SearchReport): SourceStatus | undefined {
  const denied = report.deniedLogGroups?.[0];
  if (denied) return { read: 'denied', action: denied.action, resource: denied.logGroup };
  const searched = report.logGroups.filter((group) => !report.missingLogGroups.includes(group));
  if (report.logGroups.length > 0 && searched.length === 0)
    return { read: 'missing', resource: report.missingLogGroups.join(', ') };
  if (report.partial !== undefined) return { read: 'partial', reason: report.partial };
  if (report.missingLogGroups.length > 0)
    return {
      read: 'partial',
      reason: msg('source.reason.groups-missing', { groups: report.missingLogGroups.join(', ') }),
    };
  return undefined;
}

export function missingRequestSearchStatus(
  report: SearchReport,
  stage: StageConfig | undefined,
  account?: { cloudwatchRoleArn?: string | null },
): SourceStatus {
  const logging = stageLogging(stage, report.window?.start);
  // A stage that logs nothing has no group: say the setting, not "the group does not exist". A search that was
  // refused or cut short still says so.
  if (logging.off && !report.deniedLogGroups?.length && report.partial === undefined)
    return { read: 'not-configured', reason: msg('source.reason.logging-off') };
  const searched = searchStatus(report);
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
 * let why403 read it. Sources read completely, given as excerpts, or simply not needed are left out.
 */
export function unreadSources(sources: SourceReport, search?: SearchReport): Text[] {
  return ORDER.flatMap((id) => {
    const status = sources[id];
    return status ? describeUnread(id, status, id === 'execution-log' ? search : undefined) : [];
  });
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
