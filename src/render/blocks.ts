import type { types } from '@slack/bolt';
import { english, type Localizer } from './localize';
import { wordSteps, wordVerdict, type WordedPolicy, type WordedStep, type WordedVerdict } from './worded';
import type { Diagnosis } from '../pipeline/diagnose';
import type { ApiScan } from '../pipeline/scan-api';
import { redactText } from '../redact';
import { describeMethod } from '../evidence/assemble';
import { logsInsightsUrl } from './console-links';
import { failedRequestsQuery, requestTraceQuery } from '../locate/insights-queries';

/**
 * Block Kit messages for the Slack bot. They format what the verdict says and decide nothing: which buttons a
 * person may see is the caller's decision, passed in. Every interpolated string is redacted and escaped, and each
 * message is kept within Slack's limits (50 blocks, 3,000 characters a section, about 12,000 in all).
 */

export type Block = types.KnownBlock;

export interface SlackMessage {
  /** Fallback for notifications and screen readers. */
  text: string;
  blocks: Block[];
}

export const ACTION = {
  flushCache: 'why403_flush_cache',
  showTrace: 'why403_show_trace',
  openCloudWatch: 'why403_open_cloudwatch',
  recheck: 'why403_recheck',
  recheckScan: 'why403_recheck_scan',
} as const;

/** What a button carries (≤ 2,000 characters): enough to act again without server-side state. */
export interface DiagnosisRef {
  requestId: string;
  restApiId?: string;
  stage?: string;
  region?: string;
  since?: string;
}

export interface ScanRef {
  restApiId: string;
  stage?: string;
  region?: string;
  since?: string;
}

export interface DiagnosisActions {
  /** The caller decided this person or channel may flush the cache, and that it bears on this cause. */
  flushCache: boolean;
}

const SECTION_LIMIT = 3000;
const MESSAGE_BUDGET = 11_000;
const EVIDENCE_LINES = 6;
const LINE_LIMIT = 300;
const TRACE_BUDGET = 8000;

/** Slack mrkdwn needs only &, < and > escaped; everything else would show literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function safe(text: string): string {
  return escapeMrkdwn(redactText(text));
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function code(text: string): string {
  return `\`${safe(text).replace(/`/g, "'")}\``;
}

function codeBlock(lines: readonly string[]): string {
  return `\`\`\`${lines.map((line) => safe(line).replace(/```/g, "'''")).join('\n')}\`\`\``;
}

function header(text: string): Block {
  return { type: 'header', text: { type: 'plain_text', text: clip(redactText(text), 150), emoji: true } };
}

function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: shorten(mrkdwn, SECTION_LIMIT) } };
}

function context(...parts: string[]): Block {
  return {
    type: 'context',
    elements: parts.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: clip(text, 2000) })),
  };
}

function fields(pairs: ReadonlyArray<{ label: string; value: string }>): Block {
  return {
    type: 'section',
    fields: pairs.slice(0, 10).map(({ label, value }) => ({
      type: 'mrkdwn' as const,
      text: clip(`*${escapeMrkdwn(label)}*\n${safe(value)}`, 2000),
    })),
  };
}

function button(text: string, actionId: string, extra: Partial<types.Button> = {}): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, 75), emoji: true },
    action_id: actionId,
    ...extra,
  };
}

/** A button value: JSON within Slack's 2,000 characters, optional fields left out rather than the JSON cut. */
export function encodeRef(ref: DiagnosisRef | ScanRef): string {
  const entries = Object.entries(ref).filter(
    ([, value]) => value !== undefined && String(value).length <= 200,
  );
  let value = JSON.stringify(Object.fromEntries(entries));
  for (const optional of ['since', 'region', 'stage']) {
    if (value.length <= 2000) break;
    value = JSON.stringify(Object.fromEntries(entries.filter(([key]) => key !== optional)));
  }
  return value;
}

const STATUS_EMOJI: Record<string, string> = {
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':white_circle:',
};

/** The verdict on one request: headline, cause label, evidence, policies, configuration, fix, actions. */
export function diagnosisMessage(
  diagnosis: Diagnosis,
  options: { actions: DiagnosisActions | false; requestedBy?: string; since?: string; l?: Localizer },
): SlackMessage {
  const { request } = diagnosis;
  const l = options.l ?? english;
  const verdict = wordVerdict(diagnosis.verdict, l);
  const status = request.status ? `${request.status} · ` : '';
  const blocks: Block[] = [
    header(`${status}${verdict.title}`),
    section(safe(verdict.summary)),
    context(
      ...labelParts(verdict, diagnosis),
      ...(options.requestedBy ? [`asked by <@${options.requestedBy}>`] : []),
    ),
    ...evidenceBlocks(verdict.evidence),
    ...verdict.policies.slice(0, 2).map(policyBlock),
    ...factBlocks(verdict.facts),
    { type: 'divider' },
    ...checklistBlocks(verdict.checklist),
    ...alternativesBlocks(verdict),
    ...(verdict.gaps.length > 0 ? [context(`*Not seen:* ${safe(verdict.gaps.join(' '))}`)] : []),
  ];
  if (options.actions) blocks.push(diagnosisActions(diagnosis, options.actions, options.since));
  return fitToSlackLimits({
    text: `why403: ${verdict.cause} (${verdict.confidence}) — ${redactText(verdict.summary)}`,
    blocks,
  });
}

function labelParts(verdict: WordedVerdict, diagnosis: Diagnosis): string[] {
  const { request } = diagnosis;
  const method = describeMethod(verdict.request);
  return [
    `${STATUS_EMOJI[verdict.confidence]} \`${verdict.cause}\` · confidence: *${verdict.confidence}*`,
    `request ${code(request.requestId)}`,
    ...(request.restApiId
      ? [
          `API ${code(`${request.restApiId}${request.stage ? `/${request.stage}` : ''}`)}${request.region ? ` in ${request.region}` : ''}`,
        ]
      : []),
    ...(method ? [code(method)] : []),
  ];
}

/** Section fields hold ten each: the configuration facts take up to two sections. */
function factBlocks(facts: WordedVerdict['facts']): Block[] {
  return [facts.slice(0, 10), facts.slice(10, 20)].filter((part) => part.length > 0).map(fields);
}

function evidenceBlocks(evidence: readonly string[]): Block[] {
  if (evidence.length === 0) return [];
  const shown = evidence
    .slice(0, EVIDENCE_LINES)
    .map((line) => clip(line.replace(/\s*\n\s*/g, ' '), LINE_LIMIT));
  const more = evidence.length - shown.length;
  return [section(`*Evidence*\n${codeBlock(shown)}`), ...(more > 0 ? [context(`…and ${more} more`)] : [])];
}

function policyBlock(policy: WordedPolicy): Block {
  const lines = [`*${escapeMrkdwn(policy.label)}* → \`${policy.decision}\``];
  for (const resource of policy.allowed.slice(0, 3)) lines.push(`Allow ${code(resource)}`);
  for (const resource of policy.denied.slice(0, 3)) lines.push(`Deny ${code(resource)}`);
  if (policy.methodArn) lines.push(`Request ${code(policy.methodArn)}`);
  if (policy.difference) {
    lines.push(
      `First difference: ${policy.difference.segment} ${code(policy.difference.expected)} ≠ ${code(policy.difference.actual)}`,
    );
  }
  lines.push(`_${safe(policy.reason)}_`);
  return section(lines.join('\n'));
}

function checklistBlocks(steps: readonly WordedStep[], withIac = true): Block[] {
  const rendered = steps.map((step, i) => renderStep(step, i + 1, withIac));
  const blocks: Block[] = [];
  let current = '*Fix*';
  for (const step of rendered) {
    if (current.length + step.length + 1 > SECTION_LIMIT) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${step}` : step;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

function renderStep(step: WordedStep, n: number, withIac: boolean): string {
  const parts = [`${n}. ${safe(step.text)}`];
  if (step.command) parts.push(codeBlock(step.command.split('\n')));
  if (step.code) parts.push(codeBlock(step.code.split('\n')));
  if (withIac && step.iac?.length)
    parts.push(step.iac.map((s) => `    _${s.tool}:_ ${safe(s.setting)}`).join('\n'));
  return parts.join('\n');
}

function alternativesBlocks(verdict: WordedVerdict): Block[] {
  const others = verdict.candidates.filter((c) => c.cause !== verdict.cause);
  const blocks: Block[] = [];
  if (others.length > 0)
    blocks.push(
      context(`*Also possible:* ${others.map((c) => `\`${c.cause}\` (${c.confidence})`).join(' · ')}`),
    );
  if (verdict.settle.length > 0)
    blocks.push(
      section(
        `*To settle it*\n${verdict.settle
          .slice(0, 4)
          .map((q) => `• ${safe(q)}`)
          .join('\n')}`,
      ),
    );
  return blocks;
}

function diagnosisActions(diagnosis: Diagnosis, actions: DiagnosisActions, since?: string): Block {
  const { request, search } = diagnosis;
  const ref: DiagnosisRef = {
    requestId: request.requestId,
    restApiId: request.restApiId,
    stage: request.stage,
    region: request.region,
    since,
  };
  const elements: types.Button[] = [];
  if (actions.flushCache && request.restApiId && request.stage) {
    elements.push(
      button('Flush authorizer cache', ACTION.flushCache, {
        style: 'danger',
        value: encodeRef(ref),
        confirm: {
          title: { type: 'plain_text', text: 'Flush the authorizer cache?' },
          text: {
            type: 'mrkdwn',
            text: clip(
              `Every cached authorizer result of \`${request.restApiId}/${request.stage}\` is dropped; the next calls run the authorizer again. This changes live behaviour and is logged.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Flush' },
          deny: { type: 'plain_text', text: 'Cancel' },
          style: 'danger',
        },
      }),
    );
  }
  elements.push(button('Show full trace', ACTION.showTrace, { value: encodeRef(ref) }));
  const group = search.foundIn ?? (search.logGroups.length === 1 ? search.logGroups[0] : undefined);
  if (group && request.region && search.window) {
    elements.push(
      button('Open in CloudWatch', ACTION.openCloudWatch, {
        url: logsInsightsUrl({
          region: request.region,
          logGroups: [group],
          query: requestTraceQuery(request.requestId),
          start: search.window.start,
          end: search.window.end,
        }),
      }),
    );
  }
  elements.push(button('Re-check', ACTION.recheck, { style: 'primary', value: encodeRef(ref) }));
  return { type: 'actions', block_id: 'why403_actions', elements };
}

/** Counts per cause over an API's recent failures, example ids, the methods affected and a fix per cause. */
export function scanMessage(
  scan: ApiScan,
  options: { actions: boolean; title?: string; l?: Localizer },
): SlackMessage {
  const l = options.l ?? english;
  const where = `${scan.restApiId}${scan.stage ? `/${scan.stage}` : ''}`;
  const minutes = Math.round((scan.window.end - scan.window.start) / 60_000);
  const headline =
    scan.total === 0
      ? `No failed requests on ${where} in the last ${minutes} min`
      : `${scan.total} failed requests on ${where} in the last ${minutes} min`;
  const blocks: Block[] = [header(options.title ?? headline)];
  if (options.title) blocks.push(section(safe(headline)));
  blocks.push(
    context(
      `Logs Insights scanned ${(scan.bytesScanned / 1e6).toFixed(1)} MB`,
      `region ${scan.region}`,
      ...(scan.partial ? [`partial: ${safe(l.t(scan.partial))}`] : []),
    ),
  );
  for (const cause of scan.causes.slice(0, 6)) {
    const lines = [
      `*\`${cause.cause}\`* — ${cause.count} · ${safe(l.t(cause.title))}`,
      `e.g. ${cause.requestIds.slice(0, 3).map(code).join(', ')}`,
    ];
    if (cause.methods.length > 0) lines.push(`methods: ${cause.methods.slice(0, 3).map(code).join(', ')}`);
    blocks.push(section(lines.join('\n')));
  }
  if (scan.causes.length > 6) blocks.push(context(`…and ${scan.causes.length - 6} more causes`));
  for (const cause of scan.causes.slice(0, 2)) {
    blocks.push(
      { type: 'divider' },
      section(`*Fix for \`${cause.cause}\`*`),
      ...checklistBlocks(wordSteps(cause.checklist, l), false).map(stripFixTitle),
    );
  }
  if (scan.gaps.length > 0) blocks.push(context(`*Not seen:* ${safe(scan.gaps.map(l.t).join(' '))}`));
  if (options.actions) blocks.push(scanActions(scan));
  const summary = scan.causes.map((c) => `${c.cause} ×${c.count}`).join(', ');
  return fitToSlackLimits({
    text: `why403: ${options.title ? `${redactText(options.title)} — ` : ''}${headline}${summary ? ` — ${summary}` : ''}`,
    blocks,
  });
}

function stripFixTitle(block: Block): Block {
  if (block.type !== 'section' || !block.text) return block;
  return { ...block, text: { ...block.text, text: block.text.text.replace(/^\*Fix\*\n?/, '') || ' ' } };
}

function scanActions(scan: ApiScan): Block {
  const ref: ScanRef = {
    restApiId: scan.restApiId,
    stage: scan.stage,
    region: scan.region,
    since: `${Math.round((scan.window.end - scan.window.start) / 60_000)}m`,
  };
  const elements: types.Button[] = [
    button('Re-check', ACTION.recheckScan, { style: 'primary', value: encodeRef(ref) }),
  ];
  if (scan.logGroups.length > 0) {
    elements.push(
      button('Open in CloudWatch', ACTION.openCloudWatch, {
        url: logsInsightsUrl({
          region: scan.region,
          logGroups: scan.logGroups,
          query: failedRequestsQuery(),
          start: scan.window.start,
          end: scan.window.end,
        }),
      }),
    );
  }
  return { type: 'actions', block_id: 'why403_scan_actions', elements };
}

/** The request's execution-log lines, redacted, for the ephemeral "Show full trace". */
export function traceMessage(diagnosis: Diagnosis): SlackMessage {
  const lines =
    diagnosis.trace.length > 0 ? diagnosis.trace : ['(no execution-log line was found for this request)'];
  const blocks: Block[] = [
    section(`*Execution log of request ${code(diagnosis.request.requestId)}* (redacted)`),
  ];
  let chunk: string[] = [];
  let shown = 0;
  let budget = TRACE_BUDGET;
  const flush = () => {
    if (chunk.length > 0) blocks.push(section(codeBlock(chunk)));
    chunk = [];
  };
  for (const line of lines) {
    const clipped = clip(line, 900);
    if (clipped.length > budget || blocks.length >= 40) break;
    if (chunk.join('\n').length + clipped.length > SECTION_LIMIT - 200) flush();
    chunk.push(clipped);
    budget -= clipped.length + 1;
    shown++;
  }
  flush();
  if (shown < lines.length)
    blocks.push(context(`…and ${lines.length - shown} more lines: use Open in CloudWatch`));
  return fitToSlackLimits({ text: `Execution log of request ${diagnosis.request.requestId}`, blocks });
}

export function progressMessage(text: string, requestedBy?: string): SlackMessage {
  return {
    text: redactText(text),
    blocks: [section(`:mag: ${safe(text)}`), ...(requestedBy ? [context(`asked by <@${requestedBy}>`)] : [])],
  };
}

export function problemMessage(message: string, hint?: string): SlackMessage {
  const text = hint ? `${message} — ${hint}` : message;
  return {
    text: redactText(text),
    blocks: [section(`:warning: ${safe(message)}${hint ? `\n${safe(hint)}` : ''}`)],
  };
}

export function usageMessage(problem?: string): SlackMessage {
  const lines = [
    ...(problem ? [`:warning: ${safe(problem)}`, ''] : []),
    '*Usage*',
    '`/why403 REQUEST_ID [--api API_ID] [--stage STAGE] [--since 2h]` — explain one failed request (the `x-amzn-RequestId` header)',
    '`/why403 api API_ID [STAGE] [--since 1h]` — counts per cause of an API’s recent 401/403/500s',
    '`/why403 help` — this message',
    'Or mention me in a thread with a request id, or with none to diagnose the ids in the thread’s first message.',
  ];
  return {
    text: problem ? `${redactText(problem)} — try /why403 help` : 'why403 usage',
    blocks: [section(lines.join('\n'))],
  };
}

/**
 * Keeps a message within Slack's overall size: first drops the IaC hints, then shortens the longest sections (the
 * evidence, the fix) a bit at a time, and only then leaves out trailing blocks, saying so. The actions come last and
 * always stay.
 */
function fitToSlackLimits(message: SlackMessage): SlackMessage {
  const actions = message.blocks.filter((b) => b.type === 'actions');
  let body: Block[] = message.blocks.filter((b) => b.type !== 'actions').slice(0, 49 - actions.length);
  const total = () => size(body) + size(actions);
  if (total() > MESSAGE_BUDGET) body = body.map(withoutIac);
  for (let i = longestShortenable(body); total() > MESSAGE_BUDGET && i >= 0; i = longestShortenable(body)) {
    const block = body[i] as types.SectionBlock & { text: types.MrkdwnElement };
    body[i] = {
      ...block,
      text: { ...block.text, text: shorten(block.text.text, Math.floor(block.text.text.length * 0.7)) },
    };
  }
  let left = 0;
  while (total() > MESSAGE_BUDGET && body.length > 2) {
    body = body.slice(0, -1);
    left++;
  }
  if (left > 0)
    body.push(context(`…${left} more part${left === 1 ? '' : 's'} left out to fit Slack's message size`));
  return { text: clip(message.text, 3000), blocks: [...body, ...actions] };
}

const SHORTEST_WORTH_CUTTING = 400;

function longestShortenable(blocks: readonly Block[]): number {
  let best = -1;
  blocks.forEach((block, i) => {
    const length = block.type === 'section' && block.text ? block.text.text.length : 0;
    const bestLength = best < 0 ? 0 : ((blocks[best] as types.SectionBlock).text?.text.length ?? 0);
    if (length >= SHORTEST_WORTH_CUTTING && length > bestLength) best = i;
  });
  return best;
}

/** Cuts mrkdwn to `max` characters without splitting an `&amp;` escape or leaving a code fence open. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 4).replace(/&[a-z]{0,4}$/, '');
  const fences = (cut.match(/```/g) ?? []).length;
  cut = `${cut}…`;
  return fences % 2 === 1 ? `${cut}\`\`\`` : cut;
}

function withoutIac(block: Block): Block {
  if (block.type !== 'section' || !block.text) return block;
  return { ...block, text: { ...block.text, text: block.text.text.replace(/\n {4}_[^_\n]+:_ [^\n]*/g, '') } };
}

function size(blocks: readonly Block[]): number {
  return blocks.reduce((sum, block) => sum + textLength(block), 0);
}

function textLength(block: Block | undefined): number {
  return block ? JSON.stringify(block).length : 0;
}
