import { styleText } from 'node:util';
import type { types } from '@slack/bolt';
import type { Replay } from '../replay/run';
import type { ReplayOutcome } from '../replay/judge';
import type { Diagnosis } from '../pipeline/diagnose';
import { msg } from '../text';
import { formatUtc } from '../time';
import type { PolicyView } from '../classify/types';
import { english, type Localizer } from './localize';
import type { WordedPolicy } from './worded';
import { diagnosisRefOf, type DiagnosisRef } from './blocks';
import {
  apiWhere,
  button,
  code,
  codeBlock,
  context,
  encodeRef,
  label,
  plain,
  plainText,
  say,
  section,
  slackParam,
  type Block,
  type SlackMessage,
} from './block-kit';
import { MAX_LINE, printable, renderPolicy, type TextStyle } from './terminal';
import { clip, wrap } from './width';

/**
 * Verify the fix, rendered: the replay's answer for a terminal and as JSON (`why403 replay`), and for Slack the
 * Verify fix and Re-check after deploy buttons, their modals, and the answer put into the verdict message. Formats
 * what the replay found; decides nothing (who may see a button is the caller's decision, passed in).
 */

export const REPLAY_ACTION = {
  verify: 'why403_verify_fix',
  afterDeploy: 'why403_recheck_after_deploy',
} as const;

export const REPLAY_VIEW = {
  verify: 'why403_verify_fix_modal',
  afterDeploy: 'why403_recheck_after_deploy_modal',
} as const;

/** The block of the new request id in the Re-check after deploy modal. */
export const NEW_REQUEST_BLOCK = 'why403_new_request';
/** The blocks of the identity inputs are this prefix and the input's position. */
export const IDENTITY_BLOCK = 'why403_identity_';
export const INPUT_ACTION = 'value';

/** What the Verify fix button carries: the diagnosis reference, and the authorizer's identity sources when known. */
export interface VerifyRef extends DiagnosisRef {
  authorizerId?: string;
  /** The identity-source expressions, comma-separated, as the authorizer's configuration writes them. */
  sources?: string;
}

/** Where the answer goes, carried through the modal in its private_metadata (Slack returns it unchanged). */
export interface ModalOrigin {
  channel: string;
  messageTs?: string;
  threadTs?: string;
  responseUrl?: string;
  viaResponseUrl?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Terminal and JSON.

const MARK: Record<ReplayOutcome, string> = { allowed: '✔', denied: '✘', rejected: '✘', failed: '✘' };

export function renderReplayText(
  replay: Replay,
  options: { style: TextStyle; from: 'file' | 'stdin' },
  l: Localizer = english,
): string {
  const { result, target, diagnosis } = printable(replay);
  const { style } = options;
  const bold = (text: string) => (style.color ? styleText('bold', text) : text);
  const where = `${target.restApiId}/${target.stage} ${result.request.method}`;
  const out = [bold(l.t(msg('replay.text.title', { id: diagnosis.request.requestId, where }))), ''];
  const headline = `${MARK[result.outcome]} ${l.t(result.summary)}`;
  out.push(
    ...indent(style.color ? styleText(result.outcome === 'allowed' ? 'green' : 'red', headline) : headline),
  );
  out.push('');
  out.push(
    ...indent(
      l.t(
        msg('replay.text.ran', {
          authorizer: authorizerLabel(result.authorizer),
          latency: result.latencyMs ?? 0,
          sources: result.authorizer.identitySources.join(', ') || '—',
          from: msg(options.from === 'file' ? 'replay.text.from-file' : 'replay.text.from-stdin'),
        }),
      ),
    ),
  );
  out.push(...indent(l.t(msg('replay.text.client-status', { status: result.clientStatus }))));
  if (result.principalId)
    out.push(...indent(l.t(msg('replay.text.principal', { principal: result.principalId }))));
  if (result.policies.length > 0) {
    out.push('', bold(l.t(msg('report.policies'))));
    for (const policy of result.policies) out.push(...renderPolicy(wordPolicy(policy, l), l, 96));
  }
  if (result.combined)
    out.push(
      '',
      ...indent(
        l.t(msg('replay.text.combined', { table: result.combined.table, reason: result.combined.reason })),
      ),
    );
  if (result.log.length > 0) {
    out.push('', bold(l.t(msg('replay.text.log'))));
    for (const line of result.log) out.push(`  › ${clip(line, MAX_LINE)}`);
  }
  if (result.notes.length > 0) {
    out.push('', bold(l.t(msg('replay.text.notes'))));
    for (const note of result.notes) out.push(...indent(`- ${l.t(note)}`));
  }
  const { verdict } = diagnosis;
  out.push(
    '',
    l.t(
      msg('replay.text.verdict', {
        cause: verdict.cause,
        confidence: msg(`confidence.${verdict.confidence}`),
      }),
    ),
  );
  return `${out.join('\n')}\n`;
}

function indent(text: string): string[] {
  return wrap(text, 98).map((line) => `  ${line}`);
}

function wordPolicy(policy: PolicyView, l: Localizer): WordedPolicy {
  return { ...policy, label: l.t(policy.label), reason: l.t(policy.reason) };
}

function authorizerLabel(authorizer: Replay['result']['authorizer']): string {
  const about = [authorizer.name, authorizer.type].filter(Boolean).join(', ');
  return about ? `${authorizer.id} (${about})` : authorizer.id;
}

/** `why403 replay --json`: machine fields as they are, words in the reader's language. */
export function replayJson(replay: Replay, l: Localizer = english): Record<string, unknown> {
  const { result, target, diagnosis } = replay;
  return printable({
    outcome: result.outcome,
    summary: l.t(result.summary),
    requestId: diagnosis.request.requestId,
    restApiId: target.restApiId,
    stage: target.stage,
    region: target.region,
    methodArn: result.request.methodArn,
    method: result.request.method,
    authorizer: result.authorizer,
    clientStatus: result.clientStatus,
    latencyMs: result.latencyMs ?? null,
    principalId: result.principalId ?? null,
    combined: result.combined ? { ...result.combined, reason: l.t(result.combined.reason) } : null,
    policies: result.policies.map((policy) => wordPolicy(policy, l)),
    difference: result.difference ?? null,
    notes: result.notes.map(l.t),
    log: result.log,
    diagnosis: {
      cause: diagnosis.verdict.cause,
      confidence: diagnosis.verdict.confidence,
      title: l.t(diagnosis.verdict.title),
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Slack: the buttons, the modals, the answer.

/** The verify-the-fix buttons carry the identity sources too: longer values, and those go first when too long. */
const VERIFY_REF = { valueLimit: 1000, optional: ['sources', 'since', 'region'] };

export interface ReplayOffer {
  /** The caller decided this person may be offered Verify fix here, for this cause. */
  verify: boolean;
  /** The caller decided Re-check after deploy is offered here. */
  afterDeploy: boolean;
}

/**
 * The verdict message with Verify fix and Re-check after deploy among its buttons (before Re-check, which stays
 * last). The buttons carry what the modal needs: the request, and the authorizer's identity sources when known.
 */
export function withReplayButtons(
  message: SlackMessage,
  diagnosis: Diagnosis,
  offer: ReplayOffer,
  since: string | undefined,
  l: Localizer = english,
): SlackMessage {
  const { request } = diagnosis;
  if ((!offer.verify && !offer.afterDeploy) || !request.restApiId) return message;
  const ref = diagnosisRefOf(diagnosis, since);
  const authorizer = diagnosis.config.authorizer;
  const added: types.Button[] = [];
  if (offer.verify)
    added.push(
      button(label(l, 'slack.replay.button.verify'), REPLAY_ACTION.verify, {
        value: encodeRef(
          { ...ref, authorizerId: authorizer?.id, sources: authorizer?.identitySource },
          VERIFY_REF,
        ),
      }),
    );
  if (offer.afterDeploy)
    added.push(
      button(label(l, 'slack.replay.button.after-deploy'), REPLAY_ACTION.afterDeploy, {
        value: encodeRef(ref, VERIFY_REF),
      }),
    );
  const blocks = message.blocks.map((block): Block => {
    if (block.type !== 'actions') return block;
    const elements = [...block.elements];
    const last = elements.length > 0 ? elements.length - 1 : 0;
    elements.splice(last, 0, ...added);
    return { ...block, elements: elements.slice(0, 25) };
  });
  return { ...message, blocks };
}

/** The identity-source expressions a Verify fix button carries, in order. */
export function sourcesOf(ref: VerifyRef): string[] {
  return (ref.sources ?? '')
    .split(',')
    .map((source) => source.trim())
    .filter(Boolean)
    .slice(0, 10);
}

/**
 * The Verify fix modal: what will happen (the confirmation), then one empty input per identity source (one for
 * the token when they are not known). Submitting it is the confirmation.
 */
export function verifyFixModal(ref: VerifyRef, origin: ModalOrigin, l: Localizer = english): types.ModalView {
  const sources = sourcesOf(ref);
  const where = apiWhere(ref.restApiId, ref.stage);
  const inputs = (sources.length > 0 ? sources : [undefined]).map((source, i): types.InputBlock => ({
    type: 'input',
    block_id: `${IDENTITY_BLOCK}${i}`,
    label: source
      ? { type: 'plain_text', text: clip(source, 2000) }
      : plainText(l, 'slack.replay.modal.token', 2000),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      max_length: 3000,
      placeholder: plainText(l, 'slack.replay.modal.placeholder', 150),
    },
  }));
  return {
    type: 'modal',
    callback_id: REPLAY_VIEW.verify,
    private_metadata: metadata({ ...ref, sources: sources.join(',') || undefined }, origin),
    title: plainText(l, 'slack.replay.modal.title', 24),
    submit: plainText(l, 'slack.replay.modal.submit', 24),
    close: plainText(l, 'slack.replay.modal.close', 24),
    blocks: [
      section(
        say(l, 'slack.replay.modal.intro', {
          authorizer: code(ref.authorizerId ?? '?'),
          where: code(where),
          id: code(ref.requestId),
        }),
      ),
      context(say(l, 'slack.replay.modal.privacy')),
      ...inputs,
    ],
  };
}

/** What the Verify fix modal shows once submitted, while the authorizer runs: the answer goes to the verdict. */
export function replayRunningView(ref: VerifyRef, l: Localizer = english): types.ModalView {
  const where = apiWhere(ref.restApiId, ref.stage);
  return {
    type: 'modal',
    callback_id: `${REPLAY_VIEW.verify}_running`,
    title: plainText(l, 'slack.replay.modal.title', 24),
    close: plainText(l, 'slack.replay.modal.close', 24),
    blocks: [
      section(
        say(l, 'slack.replay.running', { authorizer: code(ref.authorizerId ?? '?'), where: code(where) }),
      ),
    ],
  };
}

/** The Re-check after deploy modal: the request id of a new call, diagnosed against the configuration as it is now. */
export function afterDeployModal(
  ref: DiagnosisRef,
  origin: ModalOrigin,
  l: Localizer = english,
): types.ModalView {
  return {
    type: 'modal',
    callback_id: REPLAY_VIEW.afterDeploy,
    private_metadata: metadata(ref, origin),
    title: plainText(l, 'slack.replay.after.title', 24),
    submit: plainText(l, 'slack.replay.after.submit', 24),
    close: plainText(l, 'slack.replay.modal.close', 24),
    blocks: [
      section(say(l, 'slack.replay.after.intro')),
      {
        type: 'input',
        block_id: NEW_REQUEST_BLOCK,
        label: plainText(l, 'slack.replay.after.label', 2000),
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, max_length: 100 },
      },
    ],
  };
}

/** private_metadata holds at most 3,000 characters: the reference and where to answer. */
function metadata(ref: VerifyRef | DiagnosisRef, origin: ModalOrigin): string {
  const full = JSON.stringify({ ref, origin });
  if (full.length <= 3000) return full;
  return JSON.stringify({ ref: { ...ref, since: undefined }, origin: { ...origin, responseUrl: undefined } });
}

/** The reference and origin a modal was opened with, as the bot wrote them; undefined for anything else. */
export function readModalMetadata(text: string): { ref: VerifyRef; origin: ModalOrigin } | undefined {
  try {
    const parsed = JSON.parse(text) as { ref?: Record<string, unknown>; origin?: Record<string, unknown> };
    const ref = parsed.ref;
    const origin = parsed.origin;
    if (!ref || !origin || typeof ref.requestId !== 'string' || typeof origin.channel !== 'string')
      return undefined;
    if (
      ![...Object.values(ref), ...Object.values(origin)].every((v) =>
        ['string', 'boolean'].includes(typeof v),
      )
    )
      return undefined;
    return { ref: ref as unknown as VerifyRef, origin: origin as unknown as ModalOrigin };
  } catch {
    return undefined;
  }
}

/** A test-invoke log line in the answer, cut before it is escaped (as the verdict's evidence lines are). */
const LOG_LINE_LIMIT = 300;

const EMOJI: Record<ReplayOutcome, string> = {
  allowed: ':white_check_mark:',
  denied: ':no_entry:',
  rejected: ':no_entry_sign:',
  failed: ':x:',
};

/** The replay's answer, put into the verdict message above its buttons. */
export function withReplayOutcome(
  verdict: SlackMessage,
  replay: Replay,
  by: { user: string; at: number },
  l: Localizer = english,
): SlackMessage {
  const { result } = replay;
  const blocks: Block[] = [
    { type: 'divider' },
    section(
      say(l, 'slack.replay.outcome', { emoji: { mrkdwn: EMOJI[result.outcome] }, summary: result.summary }),
    ),
    context(
      say(l, 'slack.replay.by', {
        user: slackParam.user(by.user),
        time: formatUtc(by.at),
        authorizer: code(result.authorizer.id),
        latency: result.latencyMs ?? 0,
        status: result.clientStatus,
      }),
      ...result.notes.slice(0, 3).map((note) => plain(l, note)),
    ),
  ];
  if (result.log.length > 0) {
    const lines = result.log.map((line) => clip(line, LOG_LINE_LIMIT));
    blocks.push(section(`${say(l, 'slack.replay.log')}\n${codeBlock(lines)}`));
  }
  const actions = verdict.blocks.filter((block) => block.type === 'actions');
  const body = verdict.blocks.filter((block) => block.type !== 'actions');
  return {
    text: say(l, 'slack.replay.text', { summary: result.summary }),
    blocks: [...body, ...blocks, ...actions].slice(-50),
  };
}
