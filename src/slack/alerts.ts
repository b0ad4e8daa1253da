import {
  asNodes,
  cleanValue,
  patternText,
  isNode,
  jsonObjects,
  keyValues,
  linkUrls,
  parseAlarmTime,
  regionFromName,
  slackTextParts,
  stringOf,
  unescapeSlack,
} from './alert-text';
import { parseJson } from '../json';
import { REST_API_ID } from '../config/ids';

/**
 * Reads an alert that another bot posted (AWS Chatbot / Amazon Q Developer, SNS-to-Slack glue, PagerDuty) and says
 * which API Gateway API, stage, region and window it is about. Pure: no I/O, no clock.
 */

export interface AlertTarget {
  /** REST API id when the alert names one (ApiId dimension, an execute-api URL, `restApiId`). */
  restApiId?: string;
  /** ApiName dimension value when the alert names the API by name (the usual case for REST API metrics). */
  apiName?: string;
  stage?: string;
  /** AWS region code (us-east-1), converted from a long name ("US East (N. Virginia)") or read from an ARN. */
  region?: string;
  accountId?: string;
  alarmName?: string;
  metric?: string;
  /** How far back to scan, as a duration string for the scanner: Period × EvaluationPeriods rounded up to whole minutes, at least '5m', at most '3h'; '15m' when unknown. */
  since: string;
  /** When the alarm fired (epoch ms), when the message says. */
  firedAt?: number;
}

export interface SlackMessageLike {
  text?: string;
  attachments?: unknown[];
  blocks?: unknown[];
}

type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA' | 'ACKNOWLEDGED';
type DimensionName = 'ApiName' | 'ApiId' | 'Stage';

/** What one reading of the message found; readings are merged with the more specific ones first. */
interface AlarmFacts {
  state?: AlarmState;
  alarmName?: string;
  namespace?: string;
  metric?: string;
  dimensions?: Partial<Record<DimensionName, string>>;
  periodSeconds?: number;
  evaluationPeriods?: number;
  windowSeconds?: number;
  region?: string;
  accountId?: string;
  firedAt?: number;
  restApiId?: string;
  stage?: string;
}

const STAGE = /^[A-Za-z0-9_-]{1,128}$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const ACCOUNT_ID = /^\d{12}$/;
const METRIC_NAME = /^[A-Za-z0-9_.:/-]{1,255}$/;
const API_NAME_MAX = 128;
const ALARM_NAME_MAX = 255;
const CONTROL_CHARS = /\p{Cc}/u;

const API_GATEWAY_NAMESPACE = 'aws/apigateway';
// REST APIs publish 4XXError/5XXError; HTTP APIs publish 4xx/5xx.
const ERROR_METRIC = /^[45]XX(?:Error)?$/i;
const ERROR_MENTION = /(?<![a-z0-9])(?:4xx|5xx|403)(?![0-9])/i;

const PAGERDUTY_STATUS =
  /^[ \t*_]*(?:\[(?<bracketed>Triggered|Acknowledged|Resolved)\]|(?<numbered>Triggered|Acknowledged|Resolved)[*_]*\s+#\d)/im;
const SNS_SUBJECT =
  /(?:^|[\s:\]])(?<state>ALARM|OK|INSUFFICIENT_DATA):\s*"(?<name>[^"\n]+)"\s+in\s+(?<region>[^\n"]+?)\s*$/m;
const CHATBOT_TITLE =
  /CloudWatch Alarm\s*\|\s*(?:(?<name>[^|\n]+?)\s*\|\s*)?(?<region>[^|\n]+?)\s*\|\s*Account:?\s*(?<account>\d{12})/i;
const ALARM_ARN =
  /\barn:aws[\w-]*:cloudwatch:(?<region>[a-z0-9-]+):(?<account>\d{12}):alarm:(?<name>[^\s"'`,|<>]+)/;
const EXECUTE_API_URL =
  /\b(?<id>[a-z0-9]{10})\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com(?:\/(?<stage>[A-Za-z0-9_-]{1,128})(?=[/?#\s|>)"'`]|$))?/;
// A value runs to a separator, or to the next `Name =` when dimensions are only space-separated.
const DIMENSION =
  /\b(?<name>ApiName|ApiId|Stage)\b["'`*_]*\s*[=:]\s*["'`*_]*(?<value>(?:(?!\s+(?:ApiName|ApiId|Stage|Resource|Method)\s*[=:])[^,;[\]{}|"`*\n])+)/g;
const REASON_STATE = /Threshold Crossed:[^\n]*?\b(?:was|were)\s+(?<not>not\s+)?(?:greater|less)/i;
const REASON_EVALUATIONS =
  /Threshold Crossed:\s*(?:\d+ out of the last (?<last>\d+) datapoints|(?<one>1) datapoint\b)/i;
const EMAIL_THRESHOLD = /\bof the last (?<evals>\d+) period\(s\) of (?<period>\d+) seconds/i;
const CONSOLE_CONDITION = /\bfor \d+ datapoints? within (?<amount>\d+) (?<unit>seconds?|minutes?|hours?)\b/i;
const DURATION = /^(?<amount>\d+(?:\.\d+)?)\s*(?<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)?$/i;

const STATE_WORDS: Record<string, AlarmState> = {
  alarm: 'ALARM',
  triggered: 'ALARM',
  ok: 'OK',
  resolved: 'OK',
  insufficient_data: 'INSUFFICIENT_DATA',
  acknowledged: 'ACKNOWLEDGED',
};

/** Key: value keys (normalised) for each fact, most specific first. */
const KEYS = {
  incidentStatus: ['status', 'incidentstatus'],
  state: ['newstatevalue', 'currentstate', 'newstate', 'state', 'alarmstate', 'statechange'],
  // `- Name:` is how CloudWatch's email notification labels the alarm name.
  alarmName: ['alarmname', 'alarm', 'name'],
  namespace: ['namespace', 'metricnamespace'],
  metric: ['metricname', 'metric'],
  period: ['period'],
  evaluationPeriods: ['evaluationperiods'],
  region: ['region', 'awsregion'],
  account: ['awsaccountid', 'accountid', 'account', 'awsaccount'],
  arn: ['alarmarn', 'arn'],
  time: ['statechangetime', 'timestamp', 'time', 'triggeredat', 'firedat'],
  restApiId: ['restapiid', 'apiid'],
} as const;

const DEFAULT_SINCE = '15m';
const MIN_SINCE_MINUTES = 5;
const MAX_SINCE_MINUTES = 180;

/** All the text of a Slack message: text, attachments (pretext, title, text, fallback, fields title/value, footer), blocks (header, section text and fields, context elements, rich_text leaves), in order, one part per line. */
export function messageText(message: SlackMessageLike): string {
  return slackTextParts(message).map(unescapeSlack).join('\n');
}

/** undefined when the message is not an API Gateway 4XX/403/5XX alarm in the ALARM (triggered) state — OK / resolved / INSUFFICIENT_DATA notifications, other namespaces, and chatter must give undefined. */
export function parseApiGatewayAlert(message: SlackMessageLike): AlertTarget | undefined {
  const parts = slackTextParts(message);
  const text = parts.map(unescapeSlack).join('\n');
  const facts = readFacts(text, linkUrls(parts.join('\n')));
  if (facts.state !== 'ALARM' || !isApiGatewayErrorAlarm(facts, text)) return undefined;
  return toTarget(facts);
}

function readFacts(text: string, urls: string[]): AlarmFacts {
  const lines = patternText(text);
  const pairs = keyValues(lines);
  return mergeFacts([
    { state: pagerDutyStatus(lines) },
    { state: stateFromKeys(pairs, KEYS.incidentStatus) },
    ...jsonFacts(text),
    keyValueFacts(pairs),
    { dimensions: dimensionsInText(lines) },
    chatbotTitleFacts(lines),
    snsSubjectFacts(lines),
    arnFacts(lines),
    executeApiFacts([lines, ...urls.map(patternText)]),
    reasonFacts(lines),
  ]);
}

function mergeFacts(readings: AlarmFacts[]): AlarmFacts {
  const merged: AlarmFacts = { dimensions: {} };
  for (const reading of readings) {
    for (const [key, value] of Object.entries(reading) as [keyof AlarmFacts, unknown][]) {
      if (value === undefined) continue;
      if (key === 'dimensions')
        merged.dimensions = { ...(value as AlarmFacts['dimensions']), ...merged.dimensions };
      else if (merged[key] === undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

function isApiGatewayErrorAlarm(facts: AlarmFacts, text: string): boolean {
  const namesApi = Boolean(facts.dimensions?.ApiName ?? facts.dimensions?.ApiId ?? facts.restApiId);
  const fromApiGateway = facts.namespace ? facts.namespace.toLowerCase() === API_GATEWAY_NAMESPACE : namesApi;
  if (!fromApiGateway) return false;
  return facts.metric ? ERROR_METRIC.test(facts.metric) : ERROR_MENTION.test(text);
}

function toTarget(facts: AlarmFacts): AlertTarget {
  const target: AlertTarget = { since: lookBack(facts) };
  const restApiId = checked(facts.dimensions?.ApiId, REST_API_ID) ?? checked(facts.restApiId, REST_API_ID);
  if (restApiId) target.restApiId = restApiId;
  const apiName = checkedName(facts.dimensions?.ApiName, API_NAME_MAX);
  if (apiName) target.apiName = apiName;
  const stage = checked(facts.dimensions?.Stage, STAGE) ?? checked(facts.stage, STAGE);
  if (stage) target.stage = stage;
  const region = checked(facts.region, REGION);
  if (region) target.region = region;
  const accountId = checked(facts.accountId, ACCOUNT_ID);
  if (accountId) target.accountId = accountId;
  const alarmName = checkedName(facts.alarmName, ALARM_NAME_MAX);
  if (alarmName) target.alarmName = alarmName;
  const metric = checked(facts.metric, METRIC_NAME);
  if (metric) target.metric = metric;
  if (facts.firedAt !== undefined) target.firedAt = facts.firedAt;
  return target;
}

/** Period × EvaluationPeriods, rounded up to whole minutes and kept within 5m…3h; '15m' when the alert does not say. */
function lookBack(facts: Pick<AlarmFacts, 'periodSeconds' | 'evaluationPeriods' | 'windowSeconds'>): string {
  const seconds = facts.periodSeconds
    ? facts.periodSeconds * (facts.evaluationPeriods ?? 1)
    : facts.windowSeconds;
  if (!seconds || !Number.isFinite(seconds) || seconds <= 0) return DEFAULT_SINCE;
  const minutes = Math.min(MAX_SINCE_MINUTES, Math.max(MIN_SINCE_MINUTES, Math.ceil(seconds / 60)));
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

function checked(value: string | undefined, pattern: RegExp): string | undefined {
  const trimmed = value?.trim();
  return trimmed && pattern.test(trimmed) ? trimmed : undefined;
}

/** Names may hold spaces and punctuation, but not control characters, and not more than `max` characters. */
function checkedName(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.length > max || CONTROL_CHARS.test(trimmed)) return undefined;
  return trimmed;
}

// ---------------------------------------------------------------------------------------------------------------
// Readings

function pagerDutyStatus(text: string): AlarmState | undefined {
  const groups = PAGERDUTY_STATUS.exec(text)?.groups;
  return stateFromWord(groups?.bracketed ?? groups?.numbered);
}

function stateFromKeys(pairs: Map<string, string>, keys: readonly string[]): AlarmState | undefined {
  for (const key of keys) {
    const value = pairs.get(key);
    // "OK -> ALARM" (State Change) names the new state last.
    const state = value === undefined ? undefined : stateFromWord(value.split('->').pop());
    if (state) return state;
  }
  return undefined;
}

function stateFromWord(word: string | undefined): AlarmState | undefined {
  return word === undefined ? undefined : STATE_WORDS[cleanValue(word).toLowerCase()];
}

/** CloudWatch's SNS message (`AlarmName`, `Trigger`, …), alone, inside an SNS envelope, or inside a Lambda event. */
function jsonFacts(text: string): AlarmFacts[] {
  const alarms: Record<string, unknown>[] = [];
  const envelopes: Record<string, unknown>[] = [];
  for (const value of jsonObjects(text)) collectAlarmJson(value, 0, alarms, envelopes);
  return [...alarms.map(alarmJsonFacts), ...envelopes.map(envelopeFacts)];
}

function collectAlarmJson(
  value: unknown,
  depth: number,
  alarms: Record<string, unknown>[],
  envelopes: Record<string, unknown>[],
): void {
  if (depth > 5) return;
  if (typeof value === 'string') {
    if (value.trimStart().startsWith('{')) collectAlarmJson(parseJson(value), depth + 1, alarms, envelopes);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectAlarmJson(item, depth + 1, alarms, envelopes);
    return;
  }
  if (!isNode(value)) return;
  if ('AlarmName' in value || 'NewStateValue' in value) alarms.push(value);
  else if (typeof value.Subject === 'string' || typeof value.Message === 'string') envelopes.push(value);
  for (const child of Object.values(value)) collectAlarmJson(child, depth + 1, alarms, envelopes);
}

function alarmJsonFacts(alarm: Record<string, unknown>): AlarmFacts {
  const arn = ALARM_ARN.exec(stringOf(alarm.AlarmArn))?.groups;
  return {
    state: stateFromWord(stringOf(alarm.NewStateValue)),
    alarmName: stringOf(alarm.AlarmName) || undefined,
    region: regionFromName(arn?.region ?? stringOf(alarm.Region)),
    accountId: arn?.account ?? (stringOf(alarm.AWSAccountId) || undefined),
    firedAt: parseAlarmTime(stringOf(alarm.StateChangeTime)),
    ...triggerFacts(alarm.Trigger),
  };
}

/** `Trigger` names the metric directly, or (metric math alarms) through `Metrics[].MetricStat`. */
function triggerFacts(trigger: unknown): AlarmFacts {
  if (!isNode(trigger)) return {};
  const stat = asNodes(trigger.Metrics)
    .map((metric) => metric.MetricStat)
    .find(isNode);
  const metric = isNode(stat?.Metric) ? stat.Metric : trigger;
  return {
    namespace: stringOf(metric.Namespace) || undefined,
    metric: stringOf(metric.MetricName) || undefined,
    dimensions: jsonDimensions(metric.Dimensions),
    periodSeconds: positiveNumber(stat?.Period ?? trigger.Period),
    evaluationPeriods: positiveNumber(trigger.EvaluationPeriods),
  };
}

/** `[{ "name": "ApiName", "value": "…" }]` in either key order and either case, or a `{ ApiName: "…" }` map. */
function jsonDimensions(value: unknown): AlarmFacts['dimensions'] {
  const dimensions: AlarmFacts['dimensions'] = {};
  const entries = Array.isArray(value)
    ? asNodes(value).map((item) => [stringOf(item.name ?? item.Name), stringOf(item.value ?? item.Value)])
    : Object.entries(isNode(value) ? value : {}).map(([name, dimension]) => [name, stringOf(dimension)]);
  for (const [name, dimensionValue] of entries) {
    if (isDimensionName(name) && dimensionValue) dimensions[name] ??= dimensionValue;
  }
  return dimensions;
}

function envelopeFacts(envelope: Record<string, unknown>): AlarmFacts {
  return {
    ...snsSubjectFacts(patternText(stringOf(envelope.Subject))),
    firedAt: parseAlarmTime(stringOf(envelope.Timestamp)),
  };
}

function keyValueFacts(pairs: Map<string, string>): AlarmFacts {
  const first = (keys: readonly string[]): string | undefined =>
    keys.map((key) => pairs.get(key)).find(Boolean);
  const metricWords = splitMetric(first(KEYS.metric));
  const namespaceWords = splitMetric(first(KEYS.namespace));
  const arn = ALARM_ARN.exec(first(KEYS.arn) ?? '')?.groups;
  const region = first(KEYS.region);
  return {
    state: stateFromKeys(pairs, KEYS.state),
    alarmName: first(KEYS.alarmName),
    namespace: namespaceWords.namespace ?? metricWords.namespace,
    metric: metricWords.metric,
    periodSeconds: durationSeconds(first(KEYS.period)),
    evaluationPeriods: positiveNumber(first(KEYS.evaluationPeriods)),
    region: arn?.region ?? (region === undefined ? undefined : regionFromName(region)),
    accountId: arn?.account ?? first(KEYS.account)?.match(/\b\d{12}\b/)?.[0],
    firedAt: parseAlarmTime(first(KEYS.time) ?? ''),
    restApiId: first(KEYS.restApiId),
  };
}

/** "AWS/ApiGateway 4XXError" or "4XXError (AWS/ApiGateway)" → the namespace (has a slash) and the metric. */
function splitMetric(value: string | undefined): { namespace?: string; metric?: string } {
  const words = (value ?? '').split(/[\s,()·|]+/).filter(Boolean);
  return {
    namespace: words.find((word) => word.includes('/')),
    metric: words.find((word) => !word.includes('/')),
  };
}

function dimensionsInText(text: string): AlarmFacts['dimensions'] {
  const dimensions: AlarmFacts['dimensions'] = {};
  for (const match of text.matchAll(DIMENSION)) {
    const name = match.groups?.name;
    const value = cleanValue(match.groups?.value ?? '');
    if (name && isDimensionName(name) && value) dimensions[name] ??= value;
  }
  return dimensions;
}

function isDimensionName(name: string): name is DimensionName {
  return name === 'ApiName' || name === 'ApiId' || name === 'Stage';
}

/** AWS Chatbot / Amazon Q Developer titles: `CloudWatch Alarm | <name> | <region> | Account: <id>`. */
function chatbotTitleFacts(text: string): AlarmFacts {
  const groups = CHATBOT_TITLE.exec(text)?.groups;
  if (!groups) return {};
  return {
    alarmName: groups.name ? cleanValue(groups.name) : undefined,
    region: regionFromName(cleanValue(groups.region)),
    accountId: groups.account,
  };
}

/** SNS subjects (and the PagerDuty incident titles made from them): `ALARM: "<name>" in <region long name>`. */
function snsSubjectFacts(text: string): AlarmFacts {
  const groups = SNS_SUBJECT.exec(text)?.groups;
  if (!groups) return {};
  return {
    state: stateFromWord(groups.state),
    alarmName: groups.name,
    region: regionFromName(groups.region),
  };
}

function arnFacts(text: string): AlarmFacts {
  const groups = ALARM_ARN.exec(text)?.groups;
  if (!groups) return {};
  return { region: regionFromName(groups.region), accountId: groups.account, alarmName: groups.name };
}

/** `https://{id}.execute-api.{region}.amazonaws.com/{stage}/…`: on REST APIs the first path segment is the stage. */
function executeApiFacts(texts: string[]): AlarmFacts {
  for (const text of texts) {
    const groups = EXECUTE_API_URL.exec(text)?.groups;
    if (groups) return { restApiId: groups.id, region: regionFromName(groups.region), stage: groups.stage };
  }
  return {};
}

/** The state-change reason, and the alarm condition sentences, as CloudWatch words them. */
function reasonFacts(text: string): AlarmFacts {
  const reason = REASON_STATE.exec(text)?.groups;
  const evaluations = REASON_EVALUATIONS.exec(text)?.groups;
  const email = EMAIL_THRESHOLD.exec(text)?.groups;
  const condition = CONSOLE_CONDITION.exec(text)?.groups;
  return {
    state: reason ? (reason.not ? 'OK' : 'ALARM') : undefined,
    evaluationPeriods: positiveNumber(email?.evals ?? evaluations?.last ?? evaluations?.one),
    periodSeconds: positiveNumber(email?.period),
    windowSeconds: condition ? durationSeconds(`${condition.amount} ${condition.unit}`) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Values

function positiveNumber(value: unknown): number | undefined {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** "300", "300 seconds", "5 minutes", "1h" → seconds; a bare number is seconds, as CloudWatch's Period is. */
function durationSeconds(value: string | undefined): number | undefined {
  const groups = DURATION.exec(value?.trim() ?? '')?.groups;
  if (!groups) return undefined;
  const unit = (groups.unit ?? 's').toLowerCase()[0];
  const factor = unit === 'h' ? 3600 : unit === 'm' ? 60 : 1;
  return positiveNumber(Number(groups.amount) * factor);
}
