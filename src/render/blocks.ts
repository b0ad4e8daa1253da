import type { types } from '@slack/bolt';
import { english, type Localizer } from './localize';
import { wordSteps, wordVerdict, type WordedPolicy, type WordedStep, type WordedVerdict } from './worded';
import type { Diagnosis } from '../pipeline/diagnose';
import type { ApiScan } from '../pipeline/scan-api';
import type { SourceId, SourceStatus } from '../evidence/types';
import { describeSource } from '../classify/rules/not-found-in-logs';
import { redactText } from '../redact';
import { describeMethod } from '../evidence/assemble';
import { logsInsightsUrl } from './console-links';
import { failedRequestsQuery, requestTraceQuery } from '../locate/insights-queries';
import { confidenceText } from './scan';
import { msg, type Message, type Text } from '../text';
import {
  apiWhere,
  blocksSize,
  button,
  code,
  codeBlock,
  context,
  escapeMrkdwn,
  fields,
  header,
  label,
  mention,
  plain,
  plainText,
  say,
  section,
  shorten,
  encodeRef,
  SECTION_LIMIT,
  type Block,
  type Mrkdwn,
  type SlackMessage,
  type SlackMessageId,
  type SlackParam,
} from './block-kit';
import { clip, oneLine } from './width';

/**
 * Block Kit messages for the Slack bot. They format what the verdict says and decide nothing: which buttons a
 * person may see is the caller's decision, passed in. Every word is a message id in the reader's language; every
 * interpolated value, in the blocks and in the fallback `text`, is redacted and escaped, so a name from an alarm
 * or a user can never mention a channel or a person. Messages stay within Slack's limits (50 blocks, 3,000
 * characters a section, about 12,000 in all).
 *
 * A verdict is two messages: a short one for the channel (headline, cause, confidence, first fix step, buttons)
 * and the details (evidence, policies, configuration, the whole checklist) for its thread, or behind "Show
 * details" where the bot cannot start a thread.
 */

export const ACTION = {
  flushCache: 'why403_flush_cache',
  showTrace: 'why403_show_trace',
  showDetails: 'why403_show_details',
  openCloudWatch: 'why403_open_cloudwatch',
  recheck: 'why403_recheck',
  recheckScan: 'why403_recheck_scan',
  showScanDetails: 'why403_show_scan_details',
} as const;

/** What a button carries (≤ 2,000 characters): enough to act again without server-side state. */
export interface DiagnosisRef {
  requestId: string;
  restApiId?: string;
  stage?: string;
  region?: string;
  since?: string;
}

/** What the buttons under a verdict carry: the request, where it was found, and the window searched. */
export function diagnosisRefOf(diagnosis: Diagnosis, since: string | undefined): DiagnosisRef {
  const { requestId, restApiId, stage, region } = diagnosis.request;
  return { requestId, restApiId, stage, region, since };
}

export interface ScanRef {
  restApiId: string;
  stage?: string;
  region?: string;
  since?: string;
}

export interface DiagnosisActions {
  /** The caller decided this channel may flush the cache of this API, and that it bears on this cause. */
  flushCache: boolean;
}

/** Where a verdict's details go: a reply in the thread, or a "Show details" button (no thread possible). */
export type DetailsPlacement = 'thread' | 'button';

/** The channel message stays short: a long summary or first step is cut there (the thread has them whole). */
const SUMMARY_LIMIT = 700;
const FIRST_STEP_LIMIT = 900;
const MESSAGE_BUDGET = 11_000;
const EVIDENCE_LINES = 6;
const LINE_LIMIT = 300;
const TRACE_BUDGET = 8000;

const STATUS_EMOJI: Record<string, string> = {
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':white_circle:',
};

// ---------------------------------------------------------------------------------------------------------------
// One request's verdict.

export interface DiagnosisOptions {
  actions: DiagnosisActions | false;
  requestedBy?: string;
  since?: string;
  /** Where the details are: in the thread (the default) or behind "Show details". */
  details?: DetailsPlacement;
  l?: Localizer;
}

/** The verdict for the channel: headline, summary, cause and confidence, the first fix step, the buttons. */
export function diagnosisMessage(diagnosis: Diagnosis, options: DiagnosisOptions): SlackMessage {
  const l = options.l ?? english;
  const verdict = wordVerdict(diagnosis.verdict, l);
  const status = diagnosis.request.status;
  const asker = mention(options.requestedBy);
  const partial = partialSources(diagnosis.verdict.sources ?? {}, l);
  const first = verdict.checklist[0];
  const blocks: Block[] = [
    header(
      status
        ? label(l, 'slack.verdict.header', { status: String(status), title: verdict.title })
        : redactText(verdict.title),
    ),
    section(shorten(plain(l, verdict.summary), SUMMARY_LIMIT)),
    context(
      ...labelParts(verdict, diagnosis, l),
      ...(asker ? [say(l, 'slack.asked-by', { user: asker })] : []),
    ),
    ...(partial ? [context(say(l, 'slack.verdict.partial', { what: { mrkdwn: partial } }))] : []),
    ...(first
      ? [
          section(
            say(l, 'slack.verdict.first-step', {
              step: { mrkdwn: shorten(renderStep(first, false), FIRST_STEP_LIMIT) },
            }),
          ),
        ]
      : []),
    context(
      say(
        l,
        options.details === 'button' ? 'slack.verdict.details-button' : 'slack.verdict.details-in-thread',
      ),
    ),
  ];
  if (options.actions)
    blocks.push(diagnosisActions(diagnosis, options.actions, options.since, options.details, l));
  return fitToSlackLimits(
    {
      text: say(l, 'slack.verdict.text', {
        cause: verdict.cause,
        confidence: msg(`confidence.${verdict.confidence}`),
        summary: verdict.summary,
      }),
      blocks,
    },
    l,
  );
}

/** The verdict's details, for its thread or the ephemeral "Show details". */
export function diagnosisDetails(diagnosis: Diagnosis, options: { l?: Localizer } = {}): SlackMessage {
  const l = options.l ?? english;
  const verdict = wordVerdict(diagnosis.verdict, l);
  const blocks: Block[] = [
    section(say(l, 'slack.details.title', { id: code(diagnosis.request.requestId) })),
    ...evidenceBlocks(verdict.evidence, l),
    ...verdict.policies.slice(0, 2).map((policy) => policyBlock(policy, l)),
    ...factBlocks(verdict.facts),
    { type: 'divider' },
    ...checklistBlocks(verdict.checklist, say(l, 'slack.details.fix')),
    ...alternativesBlocks(verdict, l),
    ...(verdict.gaps.length > 0
      ? [context(say(l, 'slack.details.not-seen', { gaps: verdict.gaps.join(' ') }))]
      : []),
  ];
  return fitToSlackLimits(
    { text: say(l, 'slack.details.text', { id: diagnosis.request.requestId }), blocks },
    l,
  );
}

function labelParts(verdict: WordedVerdict, diagnosis: Diagnosis, l: Localizer): string[] {
  const { request } = diagnosis;
  const method = describeMethod(verdict.request);
  const api = request.restApiId ? code(apiWhere(request.restApiId, request.stage)) : undefined;
  return [
    say(l, 'slack.verdict.cause', {
      emoji: { mrkdwn: STATUS_EMOJI[verdict.confidence] },
      cause: verdict.cause,
      confidence: msg(`confidence.${verdict.confidence}`),
    }),
    say(l, 'slack.verdict.request', { id: code(request.requestId) }),
    ...(api
      ? [
          request.region
            ? say(l, 'slack.verdict.api-region', { api, region: request.region })
            : say(l, 'slack.verdict.api', { api }),
        ]
      : []),
    ...(method ? [code(method).mrkdwn] : []),
  ];
}

/** What the search could not read completely, in words; undefined when nothing was partial or denied. */
function partialSources(sources: Readonly<Partial<Record<SourceId, SourceStatus>>>, l: Localizer) {
  const said = Object.entries(sources)
    .filter(([, status]) => status && (status.read === 'partial' || status.read === 'denied'))
    .map(([id, status]) => describeSource(id as SourceId, status as SourceStatus))
    .filter((text): text is Message => text !== undefined)
    .map((text) => plain(l, text));
  return said.length > 0 ? said.join('; ') : undefined;
}

/** Section fields hold ten each: the configuration facts take up to two sections. */
function factBlocks(facts: WordedVerdict['facts']): Block[] {
  return [facts.slice(0, 10), facts.slice(10, 20)].filter((part) => part.length > 0).map(fields);
}

function evidenceBlocks(evidence: readonly string[], l: Localizer): Block[] {
  if (evidence.length === 0) return [];
  const shown = evidence.slice(0, EVIDENCE_LINES).map((line) => clip(oneLine(line), LINE_LIMIT));
  const more = evidence.length - shown.length;
  return [
    section(`${say(l, 'slack.details.evidence')}\n${codeBlock(shown)}`),
    ...(more > 0 ? [context(say(l, 'slack.details.more', { count: more }))] : []),
  ];
}

function policyBlock(policy: WordedPolicy, l: Localizer): Block {
  const lines = [`*${plain(l, policy.label)}* → ${code(policy.decision).mrkdwn}`];
  for (const resource of policy.allowed.slice(0, 3))
    lines.push(say(l, 'slack.policy.allow', { resource: code(resource) }));
  for (const resource of policy.denied.slice(0, 3))
    lines.push(say(l, 'slack.policy.deny', { resource: code(resource) }));
  if (policy.methodArn) lines.push(say(l, 'slack.policy.request', { arn: code(policy.methodArn) }));
  if (policy.difference) {
    lines.push(
      say(l, 'slack.policy.difference', {
        segment: policy.difference.segment,
        expected: code(policy.difference.expected),
        actual: code(policy.difference.actual),
      }),
    );
  }
  lines.push(`_${plain(l, policy.reason)}_`);
  return section(lines.join('\n'));
}

function checklistBlocks(steps: readonly WordedStep[], title: string, withIac = true): Block[] {
  const rendered = steps.map((step, i) => `${i + 1}. ${renderStep(step, withIac)}`);
  const blocks: Block[] = [];
  let current = title;
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

function renderStep(step: WordedStep, withIac: boolean): string {
  const parts = [escapeMrkdwn(redactText(step.text))];
  if (step.command) parts.push(codeBlock(step.command.split('\n')));
  if (step.code) parts.push(codeBlock(step.code.split('\n')));
  if (withIac && step.iac?.length)
    parts.push(
      step.iac.map((s) => `    _${escapeMrkdwn(s.tool)}:_ ${escapeMrkdwn(redactText(s.setting))}`).join('\n'),
    );
  return parts.join('\n');
}

function alternativesBlocks(verdict: WordedVerdict, l: Localizer): Block[] {
  const others = verdict.candidates.filter((c) => c.cause !== verdict.cause);
  const blocks: Block[] = [];
  if (others.length > 0) {
    const causes = others
      .map((c) => `${code(c.cause).mrkdwn} (${plain(l, msg(`confidence.${c.confidence}`))})`)
      .join(' · ');
    blocks.push(context(say(l, 'slack.details.also-possible', { causes: { mrkdwn: causes } })));
  }
  if (verdict.settle.length > 0)
    blocks.push(
      section(
        `${say(l, 'slack.details.settle')}\n${verdict.settle
          .slice(0, 4)
          .map((q) => `• ${plain(l, q)}`)
          .join('\n')}`,
      ),
    );
  return blocks;
}

function diagnosisActions(
  diagnosis: Diagnosis,
  actions: DiagnosisActions,
  since: string | undefined,
  details: DetailsPlacement | undefined,
  l: Localizer,
): Block {
  const { request, search } = diagnosis;
  const ref = diagnosisRefOf(diagnosis, since);
  const elements: types.Button[] = [];
  if (actions.flushCache && request.restApiId && request.stage) {
    const where = `${request.restApiId}/${request.stage}`;
    elements.push(
      button(label(l, 'slack.button.flush'), ACTION.flushCache, {
        style: 'danger',
        value: encodeRef(ref),
        confirm: {
          title: plainText(l, 'slack.flush.confirm.title', 100),
          text: {
            type: 'mrkdwn',
            text: clip(say(l, 'slack.flush.confirm.text', { where: code(where) }), 300),
          },
          confirm: plainText(l, 'slack.flush.confirm.yes', 30),
          deny: plainText(l, 'slack.flush.confirm.no', 30),
          style: 'danger',
        },
      }),
    );
  }
  if (details === 'button')
    elements.push(button(label(l, 'slack.button.details'), ACTION.showDetails, { value: encodeRef(ref) }));
  elements.push(button(label(l, 'slack.button.trace'), ACTION.showTrace, { value: encodeRef(ref) }));
  const group = search.foundIn ?? (search.logGroups.length === 1 ? search.logGroups[0] : undefined);
  if (group && request.region && search.window) {
    elements.push(
      button(label(l, 'slack.button.cloudwatch'), ACTION.openCloudWatch, {
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
  elements.push(
    button(label(l, 'slack.button.recheck'), ACTION.recheck, { style: 'primary', value: encodeRef(ref) }),
  );
  return { type: 'actions', block_id: 'why403_actions', elements };
}

// ---------------------------------------------------------------------------------------------------------------
// An API's recent failures.

export interface ScanOptions {
  actions: boolean;
  /** A title instead of the headline (an alarm's reply); the headline then follows it. */
  title?: Text;
  details?: DetailsPlacement;
  l?: Localizer;
}

function scanHeadline(scan: ApiScan, l: Localizer, mrkdwn: boolean): string {
  const minutes = Math.round((scan.window.end - scan.window.start) / 60_000);
  const where = apiWhere(scan.restApiId, scan.stage);
  const id = scan.total > 0 ? 'slack.scan.some' : scan.complete ? 'slack.scan.none' : 'slack.scan.none-found';
  return mrkdwn
    ? say(l, id, { where, minutes, count: scan.total })
    : label(l, id, { where, minutes, count: scan.total });
}

/** Counts per cause over an API's recent failures, example ids and the methods affected: for the channel. */
export function scanMessage(scan: ApiScan, options: ScanOptions): SlackMessage {
  const l = options.l ?? english;
  const title = options.title === undefined ? undefined : redactText(l.t(options.title));
  const blocks: Block[] = [header(title ?? scanHeadline(scan, l, false))];
  if (title) blocks.push(section(scanHeadline(scan, l, true)));
  blocks.push(
    context(
      say(l, 'slack.scan.scanned', { megabytes: (scan.bytesScanned / 1e6).toFixed(1) }),
      say(l, 'slack.scan.region', { region: scan.region }),
      ...(scan.partial ? [say(l, 'slack.scan.partial', { reason: scan.partial })] : []),
    ),
  );
  for (const cause of scan.causes.slice(0, 6)) {
    const named = scan.stage ? cause.cause : `${cause.cause} (${cause.stage})`;
    const lines = [
      say(l, 'slack.scan.cause', { cause: code(named), count: cause.count, title: cause.title }),
      say(l, 'slack.scan.confidence', { confidence: confidenceText(cause.confidence) }),
      say(l, 'slack.scan.examples', { ids: { mrkdwn: list(cause.requestIds) } }),
    ];
    if (cause.methods.length > 0)
      lines.push(say(l, 'slack.scan.methods', { methods: { mrkdwn: list(cause.methods) } }));
    blocks.push(section(lines.join('\n')));
  }
  if (scan.causes.length > 6)
    blocks.push(context(say(l, 'slack.scan.more-causes', { count: scan.causes.length - 6 })));
  // With no cause there are no details to open: what the scan could not see is said here.
  if (scan.causes.length === 0 && scan.gaps.length > 0)
    blocks.push(context(say(l, 'slack.details.not-seen', { gaps: scan.gaps.map(l.t).join(' ') })));
  if (scan.causes.length > 0)
    blocks.push(
      context(
        say(
          l,
          options.details === 'button' ? 'slack.verdict.details-button' : 'slack.verdict.details-in-thread',
        ),
      ),
    );
  if (options.actions) blocks.push(scanActions(scan, options.details, l));
  const headline = scanHeadline(scan, l, true);
  const text = title
    ? say(l, 'slack.scan.text-titled', { title, headline: { mrkdwn: headline } })
    : say(l, 'slack.scan.text', { headline: { mrkdwn: headline } });
  const summary = scan.causes.map((c) => `${c.cause} ×${c.count}`).join(', ');
  return fitToSlackLimits(
    {
      text: summary ? say(l, 'slack.scan.text-causes', { text: { mrkdwn: text }, causes: summary }) : text,
      blocks,
    },
    l,
  );
}

/** The fix for the most frequent causes and what the scan did not see: for the thread. */
export function scanDetails(scan: ApiScan, options: { l?: Localizer } = {}): SlackMessage {
  const l = options.l ?? english;
  const blocks: Block[] = [
    section(say(l, 'slack.scan.details-title', { where: code(apiWhere(scan.restApiId, scan.stage)) })),
  ];
  for (const cause of scan.causes.slice(0, 3)) {
    blocks.push(
      { type: 'divider' },
      ...checklistBlocks(
        wordSteps(cause.checklist, l),
        say(l, 'slack.scan.fix-for', { cause: code(cause.cause) }),
        false,
      ),
    );
  }
  if (scan.gaps.length > 0)
    blocks.push(context(say(l, 'slack.details.not-seen', { gaps: scan.gaps.map(l.t).join(' ') })));
  return fitToSlackLimits(
    { text: say(l, 'slack.scan.text', { headline: scanHeadline(scan, l, true) }), blocks },
    l,
  );
}

function list(values: readonly string[]): string {
  return values
    .slice(0, 3)
    .map((value) => code(value).mrkdwn)
    .join(', ');
}

function scanActions(scan: ApiScan, details: DetailsPlacement | undefined, l: Localizer): Block {
  const ref: ScanRef = {
    restApiId: scan.restApiId,
    stage: scan.stage,
    region: scan.region,
    since: `${Math.round((scan.window.end - scan.window.start) / 60_000)}m`,
  };
  const elements: types.Button[] = [
    button(label(l, 'slack.button.recheck'), ACTION.recheckScan, { style: 'primary', value: encodeRef(ref) }),
  ];
  if (details === 'button' && scan.causes.length > 0)
    elements.push(
      button(label(l, 'slack.button.details'), ACTION.showScanDetails, { value: encodeRef(ref) }),
    );
  if (scan.logGroups.length > 0) {
    elements.push(
      button(label(l, 'slack.button.cloudwatch'), ACTION.openCloudWatch, {
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

// ---------------------------------------------------------------------------------------------------------------
// The execution log, progress, problems, usage, notices.

/** The request's execution-log lines, redacted, for the ephemeral "Show full trace". */
export function traceMessage(diagnosis: Diagnosis, l: Localizer = english): SlackMessage {
  const lines = diagnosis.trace.length > 0 ? diagnosis.trace : [l.t(msg('slack.trace.none'))];
  const blocks: Block[] = [section(say(l, 'slack.trace.title', { id: code(diagnosis.request.requestId) }))];
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
  if (shown < lines.length) blocks.push(context(say(l, 'slack.trace.more', { count: lines.length - shown })));
  return fitToSlackLimits(
    { text: say(l, 'slack.trace.text', { id: diagnosis.request.requestId }), blocks },
    l,
  );
}

export function progressMessage(text: Text, l: Localizer = english, requestedBy?: string): SlackMessage {
  const asker = mention(requestedBy);
  return {
    text: plain(l, text),
    blocks: [
      section(`:mag: ${plain(l, text)}`),
      ...(asker ? [context(say(l, 'slack.asked-by', { user: asker }))] : []),
    ],
  };
}

/** Something went wrong or is not allowed: what, and what to do instead. */
export function problemMessage(problem: Text, hint?: Text, l: Localizer = english): SlackMessage {
  const said = plain(l, problem);
  const advice = hint === undefined ? undefined : plain(l, hint);
  return {
    text: advice ? `${said} — ${advice}` : said,
    blocks: [section(`:warning: ${said}${advice ? `\n${advice}` : ''}`)],
  };
}

/** A refusal: why, and whom to ask (a user id or channel id of the configuration becomes a link to them). */
export function refusalMessage(
  reason: Message,
  setting: string,
  contact: string | undefined,
  l: Localizer = english,
): SlackMessage {
  const hint = contact
    ? say(l, 'slack.refuse.ask', { contact: contactMrkdwn(contact), setting: code(setting) })
    : say(l, 'slack.refuse.ask-admin', { setting: code(setting) });
  const said = plain(l, reason);
  return { text: `${said} — ${hint}`, blocks: [section(`:no_entry: ${said}\n${hint}`)] };
}

function contactMrkdwn(contact: string): Mrkdwn {
  if (/^[UW][A-Z0-9]{5,}$/.test(contact)) return { mrkdwn: `<@${contact}>` };
  if (/^[CG][A-Z0-9]{5,}$/.test(contact)) return { mrkdwn: `<#${contact}>` };
  return { mrkdwn: escapeMrkdwn(redactText(contact)) };
}

/** A short note from the bot (a flush done, an earlier answer): one Slack template. */
export function noticeMessage(
  l: Localizer,
  id: SlackMessageId,
  params: Record<string, SlackParam> = {},
): SlackMessage {
  const text = say(l, id, params);
  return { text, blocks: [section(text)] };
}

export function usageMessage(problem?: Text, l: Localizer = english): SlackMessage {
  const usage = say(l, 'slack.usage');
  const said = problem === undefined ? undefined : plain(l, problem);
  return {
    text: said
      ? say(l, 'slack.usage.problem-text', { problem: { mrkdwn: said } })
      : say(l, 'slack.usage.text'),
    blocks: [section(said ? `:warning: ${said}\n\n${usage}` : usage)],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Slack's overall size.

/**
 * Keeps a message within Slack's overall size: first drops the IaC hints, then shortens the longest sections (the
 * evidence, the fix) a bit at a time, and only then leaves out trailing blocks, saying so. The actions come last and
 * always stay.
 */
function fitToSlackLimits(message: SlackMessage, l: Localizer): SlackMessage {
  const actions = message.blocks.filter((b) => b.type === 'actions');
  let body: Block[] = message.blocks.filter((b) => b.type !== 'actions').slice(0, 49 - actions.length);
  const total = () => blocksSize(body) + blocksSize(actions);
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
  if (left > 0) body.push(context(say(l, 'slack.fit.left-out', { count: left })));
  return { text: shorten(message.text, 3000), blocks: [...body, ...actions] };
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

function withoutIac(block: Block): Block {
  if (block.type !== 'section' || !block.text) return block;
  return { ...block, text: { ...block.text, text: block.text.text.replace(/\n {4}_[^_\n]+:_ [^\n]*/g, '') } };
}
