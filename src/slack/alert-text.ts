/**
 * Text helpers for reading alert posts: flattening a Slack message into lines, undoing Slack's escaping, picking
 * key: value lines and embedded JSON out of the text, and turning AWS region long names into codes.
 */

import { parseJson } from '../json';
import { unescapeEntities } from '../entities';
/** The parts of a Slack message that carry text; everything else about the message is ignored. */
export interface SlackTextSource {
  text?: string;
  attachments?: unknown[];
  blocks?: unknown[];
}

type Node = Record<string, unknown>;

const SLACK_LINK = /<(?<target>[^<>|]*)(?:\|(?<label>[^<>]*))?>/g;
const LINK_URL = /<(?<url>https?:\/\/[^<>|\s]+)(?:\|[^<>]*)?>/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>|"'`)]+/g;
const KEY_VALUE = /^[\s>•*_`~-]*"?(?<key>[A-Za-z][\w .-]{0,48}?)"?[*_`]*\s*[:=]\s*(?<value>.*?)\s*$/;
// `ALARM: "name" in US East (N. Virginia)` is an SNS subject, not a key: value pair.
const STATE_PREFIX = /^(?:ALARM|OK|INSUFFICIENT_DATA)$/;
const ISO_TIME =
  /^(?<date>\d{4}-\d{2}-\d{2})[T ](?<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(?<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
// CloudWatch's email notification: `Thursday 21 November, 2024 10:15:27 UTC`.
const EMAIL_TIME =
  /^(?:[A-Za-z]+,? )?(?<day>\d{1,2}) (?<month>[A-Za-z]+),? (?<year>\d{4}) (?<time>\d{2}:\d{2}:\d{2}) (?:UTC|GMT)$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MAX_TEXT = 100_000;
const MAX_JSON_ATTEMPTS = 200;

/** Every text part of a Slack message, raw (still Slack-escaped), in display order. */
export function slackTextParts(message: SlackTextSource): string[] {
  const parts: string[] = [];
  pushText(parts, message.text);
  for (const attachment of asNodes(message.attachments)) attachmentParts(parts, attachment);
  for (const block of asNodes(message.blocks)) blockParts(parts, block);
  return parts;
}

function attachmentParts(parts: string[], attachment: Node): void {
  pushText(parts, attachment.pretext);
  pushText(parts, attachment.title);
  pushText(parts, attachment.text);
  pushText(parts, attachment.fallback);
  for (const field of asNodes(attachment.fields)) {
    const title = stringOf(field.title);
    const value = stringOf(field.value);
    // One line per field, so "Region" and its value stay together as a key: value line.
    pushText(parts, title && value ? `${title}: ${value}` : title || value);
  }
  pushText(parts, attachment.footer);
  for (const block of asNodes(attachment.blocks)) blockParts(parts, block);
}

function blockParts(parts: string[], block: Node): void {
  switch (block.type) {
    case 'header':
    case 'section':
    case 'markdown':
      pushText(parts, textOf(block.text));
      for (const field of asNodes(block.fields)) pushText(parts, textOf(field));
      return;
    case 'context':
      for (const element of asNodes(block.elements)) pushText(parts, textOf(element));
      return;
    case 'rich_text':
      for (const element of asNodes(block.elements)) richTextParts(parts, element);
      return;
    default:
      return;
  }
}

/** rich_text sections hold inline leaves (text, link, …); lists and quotes nest further sections. */
function richTextParts(parts: string[], element: Node): void {
  if (element.type === 'rich_text_list') {
    for (const item of asNodes(element.elements)) richTextParts(parts, item);
    return;
  }
  pushText(parts, asNodes(element.elements).map(richTextLeaf).join(''));
}

function richTextLeaf(leaf: Node): string {
  if (leaf.type === 'text') return stringOf(leaf.text);
  if (leaf.type === 'link') return stringOf(leaf.text) || stringOf(leaf.url);
  if (Array.isArray(leaf.elements)) return asNodes(leaf.elements).map(richTextLeaf).join('');
  return '';
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value)) return stringOf(value.text);
  return '';
}

function pushText(parts: string[], value: unknown): void {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text) parts.push(text);
}

/** Slack's wire form → what a reader sees: `<url|label>` → label, `<url>` → url, then `&lt;` `&gt;` `&amp;`. */
export function unescapeSlack(text: string): string {
  return unescapeEntities(
    text.replace(SLACK_LINK, (_all, target: string, label?: string) => label ?? target),
  );
}

/** The URLs behind Slack links and bare URLs, since a link's label hides where it points. */
export function linkUrls(raw: string): string[] {
  const urls = [...raw.matchAll(LINK_URL)].map((match) => unescapeEntities(match.groups?.url ?? ''));
  const bare = [...unescapeSlack(raw).matchAll(BARE_URL)].map((match) => match[0]);
  return [...urls, ...bare];
}

/**
 * `Key: value` (or `Key = value`) lines, keyed by a normalised key: lower case, letters and digits only, and only
 * the last dotted segment (`Trigger.MetricName` → `metricname`). A key alone on its line (`*Metric:*`) takes the
 * next line as its value, which is how Block Kit fields lay out. The first occurrence of a key wins.
 */
export function keyValues(text: string): Map<string, string> {
  const lines = text.split('\n');
  const pairs = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const groups = KEY_VALUE.exec(lines[i])?.groups;
    if (!groups || STATE_PREFIX.test(groups.key)) continue;
    const key = normaliseKey(groups.key);
    let value = cleanValue(groups.value);
    if (!value && i + 1 < lines.length && !KEY_VALUE.test(lines[i + 1])) value = cleanValue(lines[++i]);
    if (key && value && !pairs.has(key)) pairs.set(key, value);
  }
  return pairs;
}

function normaliseKey(key: string): string {
  const last = key.split('.').pop() ?? key;
  return last.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const EDGE_MARKS = new Set(['*', '_', '`', '~', '"', "'", '“', '”']);
const WHITESPACE = /\s/;

/**
 * Strips mrkdwn emphasis, code ticks, quotes and a trailing comma from the edges of a value. A loop, not a pattern:
 * `[…]+$` tried from every position of a long run of commas is quadratic.
 */
export function cleanValue(value: string): string {
  const isEdge = (c: string) => EDGE_MARKS.has(c) || WHITESPACE.test(c);
  let start = 0;
  let end = value.length;
  while (start < end && isEdge(value[start])) start++;
  while (end > start && (isEdge(value[end - 1]) || value[end - 1] === ',')) end--;
  return value.slice(start, end);
}

/** Longest line, and longest run of whitespace, that the line patterns read. */
const PATTERN_LINE_MAX = 1_000;
const WHITESPACE_RUN_MAX = 8;

/**
 * The text as the line patterns read it: lines cut at 1,000 characters and runs of whitespace (blank lines too)
 * shortened to 8, so that no pattern's backtracking grows with a hostile message (Slack allows 40,000 characters;
 * a pattern such as `(.*?)\s*$` over one long run of spaces took seconds). Alarm notifications have short lines.
 */
export function patternText(text: string): string {
  return text
    .replace(/\s{9,}/g, (run) => run.slice(0, WHITESPACE_RUN_MAX))
    .split('\n')
    .map((line) => (line.length > PATTERN_LINE_MAX ? line.slice(0, PATTERN_LINE_MAX) : line))
    .join('\n');
}

/** Every JSON object embedded in the text (raw, in a code block, or after a label), parsed, outermost first. */
export function jsonObjects(text: string): unknown[] {
  const source = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const found: unknown[] = [];
  let attempts = 0;
  for (let start = source.indexOf('{'); start >= 0 && attempts < MAX_JSON_ATTEMPTS; attempts++) {
    const end = matchingBrace(source, start);
    const parsed = end < 0 ? undefined : parseJson(source.slice(start, end + 1));
    if (parsed !== undefined) found.push(parsed);
    start = source.indexOf('{', parsed === undefined ? start + 1 : end + 1);
  }
  return found;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Times as CloudWatch prints them — ISO-8601 (`2020-03-12T14:36:48.821+0000`) in JSON, `Thursday 12 March, 2020
 * 14:36:48 UTC` in emails — → epoch ms; anything else → undefined.
 */
export function parseAlarmTime(text: string): number | undefined {
  return parseIsoTime(text.trim()) ?? parseEmailTime(text.trim());
}

function parseIsoTime(text: string): number | undefined {
  const groups = ISO_TIME.exec(text)?.groups;
  if (!groups) return undefined;
  const zone = groups.zone?.toUpperCase();
  const offset =
    !zone || zone === 'UTC' || zone === 'GMT' || zone === 'Z'
      ? 'Z'
      : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${groups.date}T${groups.time}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseEmailTime(text: string): number | undefined {
  const groups = EMAIL_TIME.exec(text)?.groups;
  const month = MONTHS.indexOf(groups?.month.slice(0, 3).toLowerCase() ?? '');
  if (!groups || month < 0) return undefined;
  const [hours, minutes, seconds] = groups.time.split(':').map(Number);
  return Date.UTC(Number(groups.year), month, Number(groups.day), hours, minutes, seconds);
}

/**
 * Region long names as the AWS SDK's partitions.json describes them (aws, aws-cn and aws-us-gov partitions), which
 * are the names CloudWatch alarm notifications carry in `Region`.
 */
const REGION_NAMES: Record<string, string> = {
  'Africa (Cape Town)': 'af-south-1',
  'Asia Pacific (Hong Kong)': 'ap-east-1',
  'Asia Pacific (Taipei)': 'ap-east-2',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Asia Pacific (Seoul)': 'ap-northeast-2',
  'Asia Pacific (Osaka)': 'ap-northeast-3',
  'Asia Pacific (Mumbai)': 'ap-south-1',
  'Asia Pacific (Hyderabad)': 'ap-south-2',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
  'Asia Pacific (Jakarta)': 'ap-southeast-3',
  'Asia Pacific (Melbourne)': 'ap-southeast-4',
  'Asia Pacific (Malaysia)': 'ap-southeast-5',
  'Asia Pacific (New Zealand)': 'ap-southeast-6',
  'Asia Pacific (Thailand)': 'ap-southeast-7',
  'Canada (Central)': 'ca-central-1',
  'Canada West (Calgary)': 'ca-west-1',
  'Europe (Frankfurt)': 'eu-central-1',
  'Europe (Zurich)': 'eu-central-2',
  'Europe (Stockholm)': 'eu-north-1',
  'Europe (Milan)': 'eu-south-1',
  'Europe (Spain)': 'eu-south-2',
  'Europe (Ireland)': 'eu-west-1',
  'Europe (London)': 'eu-west-2',
  'Europe (Paris)': 'eu-west-3',
  'Israel (Tel Aviv)': 'il-central-1',
  'Middle East (UAE)': 'me-central-1',
  'Middle East (Bahrain)': 'me-south-1',
  'Middle East (Saudi Arabia)': 'me-west-1',
  'Mexico (Central)': 'mx-central-1',
  'South America (Sao Paulo)': 'sa-east-1',
  'South America (Chile)': 'sa-west-1',
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'China (Beijing)': 'cn-north-1',
  'China (Ningxia)': 'cn-northwest-1',
  'AWS GovCloud (US-East)': 'us-gov-east-1',
  'AWS GovCloud (US-West)': 'us-gov-west-1',
  // Older names still seen in notifications: GovCloud before US-East existed.
  'AWS GovCloud (US)': 'us-gov-west-1',
};

const REGION_CODE = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;
const PLACE = /\((?<inParens>[^()]+)\)\s*$|\s-\s(?<afterDash>[^-]+)$/;
const BY_NAME = new Map(Object.entries(REGION_NAMES).map(([name, code]) => [regionKey(name), code]));
const BY_PLACE = uniquePlaces();

/**
 * A region code from a code or a long name. Accepts the current names ("Europe (Ireland)"), the older "EU (Ireland)"
 * and "EU - Ireland" forms, any case, with or without accents ("São Paulo"). Unknown names give undefined.
 */
export function regionFromName(text: string): string | undefined {
  const trimmed = text.trim();
  if (REGION_CODE.test(trimmed)) return trimmed;
  const full = BY_NAME.get(regionKey(trimmed));
  if (full) return full;
  const groups = PLACE.exec(trimmed)?.groups;
  const place = groups?.inParens ?? groups?.afterDash;
  return place ? BY_PLACE.get(regionKey(place)) : undefined;
}

function regionKey(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return plain.replace(/^europe/, 'eu');
}

/** The place in parentheses, when no other region shares it ("Central" is both Canada and Mexico). */
function uniquePlaces(): Map<string, string> {
  const places = new Map<string, string | null>();
  for (const [name, code] of Object.entries(REGION_NAMES)) {
    if (name.startsWith('AWS GovCloud')) continue;
    const place = PLACE.exec(name)?.groups?.inParens;
    if (!place) continue;
    const key = regionKey(place);
    const seen = places.get(key);
    places.set(key, seen === undefined || seen === code ? code : null);
  }
  const unique = new Map<string, string>();
  for (const [key, code] of places) if (code) unique.set(key, code);
  return unique;
}

export function asNodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
