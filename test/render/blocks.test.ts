import { english } from '../../src/render/localize';
import { classify } from '../../src/classify/classify';
import { IAC } from '../../src/classify/fix';
import type { ChecklistStep, Confidence, Verdict } from '../../src/classify/types';
import type { Diagnosis } from '../../src/pipeline/diagnose';
import type { ApiScan, ScanCause } from '../../src/pipeline/scan-api';
import { CAUSES } from '../../src/evidence/types';
import { failedRequestsQuery, requestTraceQuery } from '../../src/locate/insights-queries';
import {
  ACTION,
  diagnosisDetails,
  diagnosisMessage,
  scanDetails,
  problemMessage,
  progressMessage,
  scanMessage,
  traceMessage,
  usageMessage,
} from '../../src/render/blocks';
import { escapeMrkdwn, type Block, type SlackMessage } from '../../src/render/block-kit';
import { renderMessageText } from '../../src/render/blocks-text';
import { logsInsightsUrl } from '../../src/render/console-links';
import {
  API,
  ARN_PREFIX,
  REGION,
  TOKEN_AUTHORIZER,
  authorizerRun,
  cloudwatch,
  evidence,
  policy,
} from '../support/evidence';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: verdicts come from the real classifier; only the stress cases widen them by hand.

const ID = '11111111-2222-4333-8444-555555555555';
const METHOD_ARN = `${ARN_PREFIX}/prod/GET/pets`;
const GROUP = `API-Gateway-Execution-Logs_${API}/prod`;
const WINDOW = { start: Date.UTC(2026, 10, 24, 9, 0), end: Date.UTC(2026, 10, 24, 11, 0) };

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZW1haWwiOiJhQGIuYyJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const BEARER = 'sk_live_4f3e2d1c9b8a7f6e';
const CONTEXT_VALUE = 'tenant-ctx-secret-7788';
const API_KEY = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0F';
const SECRETS = [
  ['a JWT', JWT],
  ['a JWT header', JWT.split('.')[0]],
  ['a JWT payload', JWT.split('.')[1]],
  ['a Bearer token', BEARER],
  ['an authorizer context value', CONTEXT_VALUE],
  ['an x-api-key', API_KEY],
] as const;

/** An authorizer that returned a Deny for the method: the most common real verdict, with a flushable cause. */
function denyVerdict(): Verdict {
  return classify(
    evidence({
      log: [
        ...authorizerRun(ID, METHOD_ARN, {
          principalId: 'user-42',
          policyDocument: policy('Deny', `${ARN_PREFIX}/prod/*/*`),
          context: { tenant: CONTEXT_VALUE },
        }),
        ...cloudwatch(ID, 'The client is not authorized to perform this operation.'),
      ],
      config: { authorizer: TOKEN_AUTHORIZER },
      request: { requestId: ID, restApiId: API, stage: 'prod', region: REGION },
    }),
  );
}

/** The two-line trace of a REQUEST authorizer whose identity source was missing: a checklist with IaC hints. */
function identityVerdict(): Verdict {
  return classify(
    evidence({
      status: 401,
      body: '{"message":"Unauthorized"}',
      log: cloudwatch(ID, 'Extended Request Id: MY92nHDwwwIdGxzR=', `Unauthorized request: ${ID}`),
      config: {
        authorizer: {
          ...TOKEN_AUTHORIZER,
          type: 'REQUEST',
          identitySource: 'method.request.header.Auth, method.request.querystring.tenant',
        },
        restApi: { id: API },
        stage: { stageName: 'prod' },
      },
      request: { region: REGION },
    }),
  );
}

function diagnosisOf(verdict: Verdict, overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    verdict,
    request: { requestId: ID, restApiId: API, stage: 'prod', region: REGION, status: 403 },
    config: {},
    search: { found: true, foundIn: GROUP, logGroups: [GROUP], missingLogGroups: [], window: WINDOW },
    unread: [],
    trace: [
      `(${ID}) Starting authorizer: auth01 for request: ${ID}`,
      `(${ID}) Method completed with status: 403`,
    ],
    ...overrides,
  };
}

function longText(label: string, length: number): string {
  let text = label;
  for (let i = 0; text.length < length; i++) text += ` ${label.toLowerCase()}-${i} & <${i}>`;
  return text.slice(0, length);
}

/** A verdict as large as any rule could make: 40 long evidence lines, long commands, long IaC hints. */
function hugeVerdict(): Verdict {
  const base = denyVerdict();
  const iac = [...IAC.ttl, ...IAC.identitySource].map((s) => ({
    ...s,
    setting: `${s.setting} ${'x'.repeat(200)}`,
  }));
  const checklist: ChecklistStep[] = Array.from({ length: 8 }, (_, i) => ({
    text: longText(`Step ${i}: change the authorizer so that`, 400),
    command: `aws apigateway update-stage --rest-api-id ${API} --stage-name prod --patch-operations ${Array.from(
      { length: 12 },
      (_, j) => `op=replace,path=/*/*/logging/loglevel-${j},value=INFO`,
    ).join(' ')}`,
    iac,
  }));
  return {
    ...base,
    summary: longText('The authorizer denied the request because', 1500),
    evidence: Array.from({ length: 40 }, (_, i) =>
      longText(`(${ID}) Endpoint request body after transformations line ${i}`, 900),
    ),
    checklist,
    settle: Array.from({ length: 6 }, (_, i) => longText(`Question ${i}`, 500)),
    gaps: Array.from({ length: 5 }, (_, i) => longText(`Gap ${i}`, 400)),
    policies: [...base.policies, ...base.policies, ...base.policies],
    candidates: CAUSES.map((cause) => ({ cause, confidence: 'medium', title: cause, summary: cause })),
  };
}

/** A plain verdict with eight long fix steps (each a code block with `&`) and long "Not seen" gaps. */
function longFixVerdict(): Verdict {
  return {
    ...denyVerdict(),
    gaps: Array.from({ length: 3 }, (_, i) => `Gap ${i}: ${'g'.repeat(480)}`),
    checklist: Array.from({ length: 8 }, (_, i) => ({
      text: `Step ${i} patches the stage.`,
      command: `aws apigateway update-stage --patch-operations ${'op=replace,path=/a&b,value=<y> '.repeat(65)}`,
    })),
  };
}

function scanOf(causeCount: number, overrides: Partial<ApiScan> = {}): ApiScan {
  const deny = denyVerdict();
  const identity = identityVerdict();
  const causes: ScanCause[] = Array.from({ length: causeCount }, (_, i) => ({
    cause: CAUSES[i],
    stage: 'prod',
    count: 20 - i,
    confidence: { high: 20 - i, medium: 0, low: 0 },
    requestIds: Array.from(
      { length: 5 },
      (_, j) => `${String(i).padStart(8, '0')}-0000-4000-8000-00000000000${j}`,
    ),
    methods: ['GET /pets', 'POST /pets', 'DELETE /pets/{id}', 'PUT /pets/{id}'],
    title: `Title of ${CAUSES[i]}`,
    checklist: i % 2 === 0 ? deny.checklist : identity.checklist,
  }));
  return {
    restApiId: API,
    stage: 'prod',
    region: REGION,
    window: { start: WINDOW.end - 3_600_000, end: WINDOW.end },
    total: causes.reduce((sum, c) => sum + c.count, 0),
    failedRequests: causes.reduce((sum, c) => sum + c.count, 0),
    notCounted: 0,
    complete: true,
    causes,
    bytesScanned: 12_345_678,
    logGroups: [GROUP],
    gaps: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Readers and the limits of docs/slack.md §6 and §9.

type AnyBlock = Record<string, any>;

function blocksOfType(message: SlackMessage, type: string): AnyBlock[] {
  return (message.blocks as AnyBlock[]).filter((b) => b.type === type);
}

function actionsOf(message: SlackMessage): AnyBlock | undefined {
  return blocksOfType(message, 'actions')[0];
}

function buttonOf(message: SlackMessage, actionId: string): AnyBlock | undefined {
  return actionsOf(message)?.elements.find((e: AnyBlock) => e.action_id === actionId);
}

/** Every mrkdwn string a message shows: section texts and fields, context elements, confirm texts. */
function mrkdwnTexts(message: SlackMessage): string[] {
  const texts: string[] = [];
  for (const block of message.blocks as AnyBlock[]) {
    if (block.type === 'section') {
      if (block.text?.type === 'mrkdwn') texts.push(block.text.text);
      for (const field of block.fields ?? []) texts.push(field.text);
    }
    if (block.type === 'context') for (const element of block.elements) texts.push(element.text);
    if (block.type === 'actions')
      for (const element of block.elements) if (element.confirm) texts.push(element.confirm.text.text);
  }
  return texts;
}

function blocksSize(message: SlackMessage): number {
  return message.blocks.reduce((sum, block) => sum + JSON.stringify(block).length, 0);
}

function limitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const plain = (where: string, text: AnyBlock | undefined, max: number) => {
    if (text?.type !== 'plain_text') problems.push(`${where} is not plain_text`);
    else if (!text.text || text.text.length > max)
      problems.push(`${where} has ${text.text.length} characters`);
  };
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('no text fallback');
  else if (message.text.length > 40_000) problems.push(`text fallback of ${message.text.length} characters`);
  if (message.blocks.length === 0 || message.blocks.length > 50)
    problems.push(`${message.blocks.length} blocks`);
  const size = blocksSize(message);
  if (size > 12_000) problems.push(`${size} characters over all blocks`);
  (message.blocks as AnyBlock[]).forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    if (block.block_id !== undefined && block.block_id.length > 255) problems.push(`${at} block_id too long`);
    switch (block.type) {
      case 'header':
        plain(`${at} text`, block.text, 150);
        break;
      case 'section':
        if (!block.text && !block.fields) problems.push(`${at} has neither text nor fields`);
        if (block.text && (block.text.text.length === 0 || block.text.text.length > 3000))
          problems.push(`${at} text has ${block.text.text.length} characters`);
        if (block.fields && (block.fields.length === 0 || block.fields.length > 10))
          problems.push(`${at} has ${block.fields.length} fields`);
        for (const field of block.fields ?? [])
          if (field.text.length > 2000) problems.push(`${at} field of ${field.text.length} characters`);
        break;
      case 'context':
        if (block.elements.length === 0 || block.elements.length > 10)
          problems.push(`${at} has ${block.elements.length} elements`);
        for (const element of block.elements)
          if (!element.text || element.text.length > 3000) problems.push(`${at} element text out of range`);
        break;
      case 'actions':
        if (block.elements.length === 0 || block.elements.length > 25)
          problems.push(`${at} has ${block.elements.length} elements`);
        for (const button of block.elements) {
          const where = `${at} button ${button.action_id}`;
          plain(`${where} text`, button.text, 75);
          if (!button.action_id || button.action_id.length > 255) problems.push(`${where} action_id`);
          if (button.value !== undefined) {
            if (button.value.length > 2000)
              problems.push(`${where} value of ${button.value.length} characters`);
            try {
              JSON.parse(button.value);
            } catch {
              problems.push(`${where} value is not JSON`);
            }
          }
          if (button.url !== undefined && button.url.length > 3000)
            problems.push(`${where} url of ${button.url.length} characters`);
          if (button.style !== undefined && !['primary', 'danger'].includes(button.style))
            problems.push(`${where} style ${button.style}`);
          if (button.confirm) {
            plain(`${where} confirm title`, button.confirm.title, 100);
            if (button.confirm.text.text.length > 300) problems.push(`${where} confirm text too long`);
            plain(`${where} confirm button`, button.confirm.confirm, 30);
            plain(`${where} deny button`, button.confirm.deny, 30);
          }
        }
        break;
      case 'divider':
        break;
      default:
        problems.push(`${at} is an unexpected block type`);
    }
  });
  return problems;
}

/** A raw `<` or `>`, or an `&` that does not start one of Slack's three escapes; written Slack tokens allowed. */
function badEscapes(text: string): string[] {
  const withoutTokens = text.replace(/<@U[A-Z0-9]+>/g, '');
  return withoutTokens.match(/[<>]|&(?!amp;|lt;|gt;)/g) ?? [];
}

/** Undoes the console's encoding of one value: `*` → `%`, then percent-decoding. */
function decodeInsights(value: string): string {
  return decodeURIComponent(value.replace(/\*/g, '%'));
}

function readInsightsUrl(url: string): {
  base: string;
  query: string;
  start: string;
  end: string;
  logGroups: string[];
} {
  const match =
    /^(?<base>[^#]+)#logsV2:logs-insights\$3FqueryDetail\$3D~\(end~'(?<end>[A-Za-z0-9*]+)~start~'(?<start>[A-Za-z0-9*]+)~timeType~'ABSOLUTE~tz~'UTC~editorString~'(?<query>[A-Za-z0-9*]*)~source~\((?<sources>(?:~'[A-Za-z0-9*]+)*)\)\)$/.exec(
      url,
    );
  if (!match?.groups) throw new Error(`not a Logs Insights URL: ${url}`);
  const { base, end, start, query, sources } = match.groups;
  return {
    base,
    query: decodeInsights(query),
    start: decodeInsights(start),
    end: decodeInsights(end),
    logGroups: sources
      .split("~'")
      .filter(Boolean)
      .map((s) => decodeInsights(s)),
  };
}

// ---------------------------------------------------------------------------------------------------------------

describe('diagnosisMessage', () => {
  it('starts with a plain_text header of the status and title, then the summary and the cause label', () => {
    const verdict = denyVerdict();
    const message = diagnosisMessage(diagnosisOf(verdict), { actions: false, requestedBy: 'U0ONCALL' });
    const [header, summary, context] = message.blocks as AnyBlock[];

    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: `403 · ${english.t(verdict.title)}`, emoji: true },
    });
    expect(summary).toEqual({ type: 'section', text: { type: 'mrkdwn', text: english.t(verdict.summary) } });
    expect(context.type).toBe('context');
    expect(context.elements.map((e: AnyBlock) => e.text)).toEqual([
      ':red_circle: `authorizer-explicit-deny` · confidence: *high*',
      `request \`${ID}\``,
      `API \`${API}/prod\` in ${REGION}`,
      '`GET /pets`',
      'asked by <@U0ONCALL>',
    ]);
    expect(limitProblems(message)).toEqual([]);
  });

  it.each<[Confidence, string]>([
    ['high', ':red_circle:'],
    ['medium', ':large_orange_circle:'],
    ['low', ':white_circle:'],
  ])('shows the cause label and confidence %s in the context block', (confidence, emoji) => {
    const verdict = { ...denyVerdict(), confidence };
    const message = diagnosisMessage(diagnosisOf(verdict), { actions: false });
    const context = blocksOfType(message, 'context')[0];

    expect(context.elements[0].text).toBe(
      `${emoji} \`authorizer-explicit-deny\` · confidence: *${confidence}*`,
    );
    expect(message.text).toBe(
      `why403: authorizer-explicit-deny (${confidence}) — ${english.t(verdict.summary)}`,
    );
  });

  it.each<[string, Partial<Diagnosis['request']>, string]>([
    ['with a status', { status: 403 }, '403 · '],
    ['without a status', { status: undefined }, ''],
  ])('titles the header %s', (_name, request, prefix) => {
    const verdict = denyVerdict();
    const diagnosis = diagnosisOf(verdict);
    const message = diagnosisMessage(
      { ...diagnosis, request: { ...diagnosis.request, ...request } },
      { actions: false },
    );
    expect((message.blocks[0] as AnyBlock).text.text).toBe(`${prefix}${english.t(verdict.title)}`);
  });

  it('says in the channel message when the search was partial or denied', () => {
    const verdict: Verdict = {
      ...denyVerdict(),
      sources: {
        'execution-log': { read: 'partial', reason: 'the time budget ran out <after 25 s>' },
        'config:stage': {
          read: 'denied',
          action: 'apigateway:GET',
          resource: 'arn:aws:apigateway:us-east-1::/restapis/x',
        },
        'access-log': { read: 'complete' },
      },
    };
    const texts = mrkdwnTexts(diagnosisMessage(diagnosisOf(verdict), { actions: false }));
    expect(texts).toContain(
      ':warning: *Partial search:* the execution log was read only partly: the time budget ran out &lt;after 25 s&gt;; ' +
        "the stage's configuration could not be read: AWS denied apigateway:GET on arn:aws:apigateway:us-east-1::/restapis/x",
    );
    const complete = mrkdwnTexts(diagnosisMessage(diagnosisOf(denyVerdict()), { actions: false }));
    expect(complete.some((t) => t.includes('Partial search'))).toBe(false);
  });

  it('clips a long title to a 150-character plain_text header', () => {
    const verdict = { ...denyVerdict(), title: longText('A very long title', 400) };
    const header = diagnosisMessage(diagnosisOf(verdict), { actions: false }).blocks[0] as AnyBlock;

    expect(header.text.type).toBe('plain_text');
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text.startsWith('403 · A very long title')).toBe(true);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  it('has a text fallback that starts with why403: and names the cause', () => {
    for (const verdict of [denyVerdict(), identityVerdict()]) {
      const message = diagnosisMessage(diagnosisOf(verdict), { actions: { flushCache: false } });
      expect(message.text.startsWith(`why403: ${verdict.cause} (${verdict.confidence}) — `)).toBe(true);
    }
  });

  it('shows six evidence lines and says how many more there are', () => {
    const verdict = {
      ...denyVerdict(),
      evidence: Array.from({ length: 40 }, (_, i) => `evidence line ${i}`),
    };
    const message = diagnosisDetails(diagnosisOf(verdict));
    const texts = mrkdwnTexts(message);
    const evidenceText = texts.find((t) => t.startsWith('*Evidence*')) as string;

    expect(evidenceText).toBe(
      `*Evidence*\n\`\`\`${Array.from({ length: 6 }, (_, i) => `evidence line ${i}`).join('\n')}\`\`\``,
    );
    expect(texts).toContain('…and 34 more');
  });

  it('keeps the IaC hints when the message is small', () => {
    const verdict = identityVerdict();
    expect(verdict.checklist.some((step) => step.iac?.length)).toBe(true);
    const message = diagnosisDetails(diagnosisOf(verdict));
    const fix = mrkdwnTexts(message).filter((t) => t.startsWith('*Fix*'));

    expect(fix.join('\n')).toMatch(/\n {4}_CDK:_ /);
    expect(fix.join('\n')).toMatch(/\n {4}_Terraform:_ /);
  });

  describe('a verdict with 40 long evidence lines, long commands and long IaC hints', () => {
    const message = () =>
      diagnosisMessage(diagnosisOf(hugeVerdict()), {
        actions: { flushCache: true },
        requestedBy: 'U0ONCALL',
      });
    const details = () => diagnosisDetails(diagnosisOf(hugeVerdict()));

    it('stays within Slack limits, in the channel and in the thread', () => {
      for (const m of [message(), details()]) {
        expect(limitProblems(m)).toEqual([]);
        expect(blocksSize(m)).toBeLessThanOrEqual(12_000);
      }
    });

    it('keeps the channel message short: seven blocks at most, the long parts cut (the thread has them)', () => {
      expect(message().blocks.length).toBeLessThanOrEqual(7);
      expect(blocksSize(message())).toBeLessThanOrEqual(4_500);
    });

    it('drops the IaC hints of the details first', () => {
      expect(JSON.stringify(details().blocks)).not.toMatch(/_(CDK|SAM|Serverless Framework|Terraform):_/);
    });

    it('keeps the header, the summary, the cause label and, last, the whole actions block', () => {
      const m = message();
      const types = m.blocks.map((b) => b.type);
      expect(types.slice(0, 3)).toEqual(['header', 'section', 'context']);
      expect(types.at(-1)).toBe('actions');
      expect(actionsOf(m)?.elements.map((e: AnyBlock) => e.action_id)).toEqual([
        ACTION.flushCache,
        ACTION.showTrace,
        ACTION.openCloudWatch,
        ACTION.recheck,
      ]);
    });
  });

  describe('a verdict whose fix is long and whose gaps fill a context block', () => {
    // Eight steps of about 2,100 characters (one section each) and a "Not seen" context of about 1,500: shortening
    // the fix sections alone brings the message within budget, so no block has to go.
    const message = () => diagnosisDetails(diagnosisOf(longFixVerdict()));

    it('stays within Slack limits', () => {
      expect(limitProblems(message())).toEqual([]);
    });

    it('shortens the longest sections before dropping any block', () => {
      const texts = mrkdwnTexts(message());
      const steps = texts.filter((t) => /^(\*Fix\*\n)?\d+\. Step \d/.test(t));

      expect(steps.map((t) => /(\d+)\. Step/.exec(t)?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
      expect(steps.some((t) => t.includes('…'))).toBe(true);
      expect(texts.some((t) => t.includes('left out to fit'))).toBe(false);
      expect(texts.some((t) => t.startsWith('*Not seen:* Gap 0'))).toBe(true);
    });
  });

  describe.each([
    ['40 long evidence lines, long commands and IaC hints', hugeVerdict],
    ['a long fix and long gaps', longFixVerdict],
  ])('after shortening a verdict with %s', (_name, verdict) => {
    const texts = () =>
      mrkdwnTexts(diagnosisMessage(diagnosisOf(verdict()), { actions: { flushCache: true } }));

    it('still escapes every interpolated character', () => {
      for (const text of texts()) expect({ text, bad: badEscapes(text) }).toEqual({ text, bad: [] });
    });

    it('leaves no code fence open', () => {
      for (const text of texts())
        expect({ text, fences: (text.match(/```/g) ?? []).length % 2 }).toEqual({ text, fences: 0 });
    });
  });

  it('keeps the actions block even when the checklist alone would need more than 50 blocks', () => {
    const verdict = {
      ...denyVerdict(),
      checklist: Array.from({ length: 60 }, (_, i) => ({ text: longText(`Step ${i}`, 2990) })),
    };
    const message = diagnosisMessage(diagnosisOf(verdict), { actions: { flushCache: true } });

    expect(limitProblems(message)).toEqual([]);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('escapes &, < and > in interpolated text but keeps the <@user> token it writes', () => {
    const base = denyVerdict();
    const verdict: Verdict = {
      ...base,
      summary: 'Use <b> & "quotes" > nothing',
      evidence: ['(x) body: <html>&nbsp;</html>'],
      checklist: [{ text: 'Set A & B to <value>', command: 'echo "a < b" && cat > out' }],
      settle: ['Is <it> & that?'],
      gaps: ['Could not read <group> & more.'],
      facts: [{ label: 'Role & <kind>', value: 'arn:aws:iam::1:role/<name>&x' }],
      policies: [{ ...base.policies[0], label: 'Policy <A> & B', reason: 'because <x> & y' }],
    };
    const diagnosis = diagnosisOf(verdict, { trace: ['(x) <body>&</body>'] });
    const message = diagnosisMessage(diagnosis, { actions: false, requestedBy: 'U0ONCALL' });
    const texts = [...mrkdwnTexts(message), ...mrkdwnTexts(diagnosisDetails(diagnosis))];

    for (const text of texts) expect({ text, bad: badEscapes(text) }).toEqual({ text, bad: [] });
    const all = texts.join('\n');
    expect(all).toContain('Use &lt;b&gt; &amp; "quotes" &gt; nothing');
    expect(all).toContain('(x) body: &lt;html&gt;&amp;nbsp;&lt;/html&gt;');
    expect(all).toContain('Set A &amp; B to &lt;value&gt;');
    expect(all).toContain('echo "a &lt; b" &amp;&amp; cat &gt; out');
    expect(all).toContain('Is &lt;it&gt; &amp; that?');
    expect(all).toContain('Could not read &lt;group&gt; &amp; more.');
    expect(all).toContain('*Role &amp; &lt;kind&gt;*\narn:aws:iam::1:role/&lt;name&gt;&amp;x');
    expect(all).toContain('*Policy &lt;A&gt; &amp; B*');
    expect(all).toContain('asked by <@U0ONCALL>');
    expect(all).not.toMatch(/&quot;|&#39;/);

    const trace = mrkdwnTexts(traceMessage(diagnosis)).join('\n');
    expect(trace).toContain('(x) &lt;body&gt;&amp;&lt;/body&gt;');
  });

  describe('never shows a secret from the evidence', () => {
    const rawLines = [
      `(${ID}) Incoming identity: ${JWT}`,
      `(${ID}) Method request headers: {Authorization=Bearer ${BEARER}, x-api-key=${API_KEY}, Host=${API}.execute-api.${REGION}.amazonaws.com}`,
      `(${ID}) Authorizer result body before parsing: {"principalId":"user-42","policyDocument":{"Version":"2012-10-17","Statement":[]},"context":{"tenant":"${CONTEXT_VALUE}"}}`,
      `curl -H "Authorization: Bearer ${BEARER}" -H "x-api-key: ${API_KEY}" https://${API}.execute-api.${REGION}.amazonaws.com/prod/pets`,
      `token copied from the browser: ${JWT}`,
    ];

    it('when the classifier saw them in the log', () => {
      const verdict = classify(
        evidence({
          log: [
            ...cloudwatch(ID, `Incoming identity: ${JWT}`),
            ...cloudwatch(
              ID,
              `Method request headers: {Authorization=Bearer ${BEARER}, x-api-key=${API_KEY}, Host=h}`,
            ),
            ...authorizerRun(ID, METHOD_ARN, {
              principalId: 'user-42',
              policyDocument: policy('Deny', `${ARN_PREFIX}/prod/*/*`),
              context: { tenant: CONTEXT_VALUE, jwt: JWT },
            }),
          ],
          config: { authorizer: TOKEN_AUTHORIZER },
        }),
      );
      const diagnosis = diagnosisOf(verdict, { trace: rawLines });
      const json = JSON.stringify([
        diagnosisMessage(diagnosis, { actions: { flushCache: true } }),
        diagnosisDetails(diagnosis),
      ]);
      for (const [, secret] of SECRETS) expect(json).not.toContain(secret);
    });

    it.each(SECRETS)('when %s reaches the renderer unredacted', (_name, secret) => {
      const base = denyVerdict();
      const verdict: Verdict = {
        ...base,
        summary: `The client sent Bearer ${BEARER} and x-api-key: ${API_KEY}.`,
        evidence: rawLines,
        checklist: [{ text: `Retry with Authorization: Bearer ${BEARER}`, command: rawLines[3] }],
        settle: [`Is ${JWT} expired?`],
        gaps: [rawLines[2]],
        facts: [{ label: 'Identity', value: `Bearer ${BEARER}` }],
      };
      const diagnosis = diagnosisOf(verdict, { trace: rawLines });
      for (const message of [
        diagnosisMessage(diagnosis, { actions: { flushCache: true }, requestedBy: 'U0ONCALL' }),
        diagnosisDetails(diagnosis),
        traceMessage(diagnosis),
      ]) {
        expect(JSON.stringify(message)).not.toContain(secret);
      }
    });
  });

  describe('actions', () => {
    it.each<[string, Parameters<typeof diagnosisMessage>[1], string[]]>([
      [
        'flushCache: true',
        { actions: { flushCache: true } },
        [ACTION.flushCache, ACTION.showTrace, ACTION.openCloudWatch, ACTION.recheck],
      ],
      [
        'flushCache: false',
        { actions: { flushCache: false } },
        [ACTION.showTrace, ACTION.openCloudWatch, ACTION.recheck],
      ],
      ['actions: false', { actions: false }, []],
    ])('%s gives its buttons in order', (_name, options, ids) => {
      const message = diagnosisMessage(diagnosisOf(denyVerdict()), options);
      expect(actionsOf(message)?.elements.map((e: AnyBlock) => e.action_id) ?? []).toEqual(ids);
      expect(limitProblems(message)).toEqual([]);
    });

    it('offers no flush button when the stage is unknown, whatever the caller allows', () => {
      const diagnosis = diagnosisOf(denyVerdict());
      const message = diagnosisMessage(
        { ...diagnosis, request: { ...diagnosis.request, stage: undefined } },
        { actions: { flushCache: true } },
      );
      expect(buttonOf(message, ACTION.flushCache)).toBeUndefined();
    });

    it('guards the flush button with a danger confirm dialog within its limits', () => {
      const stage = 's'.repeat(128);
      const diagnosis = diagnosisOf(denyVerdict());
      const message = diagnosisMessage(
        { ...diagnosis, request: { ...diagnosis.request, stage } },
        { actions: { flushCache: true } },
      );
      const flush = buttonOf(message, ACTION.flushCache) as AnyBlock;

      expect(flush.style).toBe('danger');
      expect(flush.confirm.style).toBe('danger');
      expect(flush.confirm.title.type).toBe('plain_text');
      expect(flush.confirm.title.text.length).toBeLessThanOrEqual(100);
      expect(flush.confirm.text.text.length).toBeLessThanOrEqual(300);
      expect(flush.confirm.confirm.text.length).toBeLessThanOrEqual(30);
      expect(flush.confirm.deny.text.length).toBeLessThanOrEqual(30);
      expect(limitProblems(message)).toEqual([]);
    });

    it('names the API and stage in the confirm text', () => {
      const flush = buttonOf(
        diagnosisMessage(diagnosisOf(denyVerdict()), { actions: { flushCache: true } }),
        ACTION.flushCache,
      ) as AnyBlock;
      expect(flush.confirm.text.text).toContain(`\`${API}/prod\``);
    });

    it('puts a decodable reference of at most 2,000 characters in every button value', () => {
      const message = diagnosisMessage(diagnosisOf(denyVerdict()), {
        actions: { flushCache: true },
        since: '2h',
      });
      const values = actionsOf(message)
        ?.elements.filter((e: AnyBlock) => e.value !== undefined)
        .map((e: AnyBlock) => e.value as string);

      expect(values).toHaveLength(3);
      for (const value of values ?? []) {
        expect(value.length).toBeLessThanOrEqual(2000);
        expect(JSON.parse(value)).toEqual({
          requestId: ID,
          restApiId: API,
          stage: 'prod',
          region: REGION,
          since: '2h',
        });
      }
    });

    it('keeps the button value decodable JSON when a field is very long', () => {
      // parseCommand accepts `--since 000…01h`, so a since of any length can reach the renderer.
      const since = `${'0'.repeat(2100)}1h`;
      const message = diagnosisMessage(diagnosisOf(denyVerdict()), { actions: { flushCache: true }, since });
      for (const element of actionsOf(message)?.elements ?? []) {
        if (element.value === undefined) continue;
        expect(element.value.length).toBeLessThanOrEqual(2000);
        expect(() => JSON.parse(element.value)).not.toThrow();
      }
    });

    it('keeps every button text within 75 characters', () => {
      const message = diagnosisMessage(diagnosisOf(denyVerdict()), { actions: { flushCache: true } });
      for (const element of actionsOf(message)?.elements ?? []) {
        expect(element.text.type).toBe('plain_text');
        expect(element.text.text.length).toBeLessThanOrEqual(75);
      }
    });

    it.each<[string, Partial<Diagnosis['search']>, Partial<Diagnosis['request']>, boolean]>([
      ['the group the request was found in', {}, {}, true],
      ['the only group searched', { foundIn: undefined, logGroups: [GROUP] }, {}, true],
      ['several groups and none found', { foundIn: undefined, logGroups: [GROUP, `${GROUP}x`] }, {}, false],
      ['no search window', { window: undefined }, {}, false],
      ['no region', {}, { region: undefined }, false],
    ])('decides the CloudWatch link from %s', (_name, search, request, linked) => {
      const diagnosis = diagnosisOf(denyVerdict());
      const message = diagnosisMessage(
        {
          ...diagnosis,
          search: { ...diagnosis.search, ...search },
          request: { ...diagnosis.request, ...request },
        },
        { actions: { flushCache: false } },
      );
      expect(buttonOf(message, ACTION.openCloudWatch) !== undefined).toBe(linked);
      expect(buttonOf(message, ACTION.recheck)).toBeDefined();
    });

    it("opens Logs Insights on the request's log group with the request trace query", () => {
      const message = diagnosisMessage(diagnosisOf(denyVerdict()), { actions: { flushCache: false } });
      const url = (buttonOf(message, ACTION.openCloudWatch) as AnyBlock).url as string;
      const read = readInsightsUrl(url);

      expect(url.length).toBeLessThanOrEqual(3000);
      expect(read.base).toBe(`https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}`);
      expect(read.query).toBe(requestTraceQuery(ID));
      expect(read.logGroups).toEqual([GROUP]);
      expect(read.start).toBe(new Date(WINDOW.start).toISOString());
      expect(read.end).toBe(new Date(WINDOW.end).toISOString());
    });
  });
});

describe('logsInsightsUrl', () => {
  it.each([
    ['us-east-1', 'https://us-east-1.console.aws.amazon.com'],
    ['eu-west-1', 'https://eu-west-1.console.aws.amazon.com'],
    ['ap-southeast-2', 'https://ap-southeast-2.console.aws.amazon.com'],
    ['cn-north-1', 'https://cn-north-1.console.amazonaws.cn'],
    ['cn-northwest-1', 'https://cn-northwest-1.console.amazonaws.cn'],
    ['us-gov-west-1', 'https://console.amazonaws-us-gov.com'],
    ['us-gov-east-1', 'https://console.amazonaws-us-gov.com'],
  ])('starts %s links with %s', (region, host) => {
    const url = logsInsightsUrl({ region, logGroups: [GROUP], query: 'fields @message', ...WINDOW });
    expect(url.startsWith(`${host}/cloudwatch/home?region=${region}#logsV2:logs-insights`)).toBe(true);
  });

  it.each([
    ['the request trace query', requestTraceQuery(ID), [GROUP]],
    [
      'the failed-requests query over two groups',
      failedRequestsQuery(),
      [GROUP, `API-Gateway-Execution-Logs_${API}/dev`],
    ],
    [
      'characters the encoding itself uses',
      'fields @message | filter @message like /a*b~c\'d%e(f)g$3Fh/ and x = "é ü 日本"',
      ['/aws/lambda/my_fn.v2', 'group#with spaces & more'],
    ],
  ])('encodes %s so that it decodes back to the original', (_name, query, logGroups) => {
    const url = logsInsightsUrl({ region: 'eu-west-1', logGroups, query, ...WINDOW });
    const read = readInsightsUrl(url);

    expect(read.query).toBe(query);
    expect(read.logGroups).toEqual(logGroups);
    expect(read.start).toBe('2026-11-24T09:00:00.000Z');
    expect(read.end).toBe('2026-11-24T11:00:00.000Z');
    expect(url).not.toMatch(/[\s"<>%]/);
  });
});

describe('scanMessage', () => {
  it('with no failed requests says so and lists no cause', () => {
    const message = scanMessage(scanOf(0), { actions: true });
    const headline = `No failed requests on ${API}/prod in the last 60 min`;

    expect((message.blocks[0] as AnyBlock).text).toEqual({ type: 'plain_text', text: headline, emoji: true });
    expect(message.text).toBe(`why403: ${headline}`);
    expect(JSON.stringify(message.blocks)).not.toMatch(/more causes|\*Fix for/);
    expect(blocksOfType(message, 'context')[0].elements.map((e: AnyBlock) => e.text)).toEqual([
      'Logs Insights scanned 12.3 MB',
      `region ${REGION}`,
    ]);
    expect(limitProblems(message)).toEqual([]);
  });

  it('with one cause lists it with its count, example ids, methods and fix', () => {
    const scan = scanOf(1);
    const message = scanMessage(scan, { actions: true });
    const texts = mrkdwnTexts(message);
    const [cause] = scan.causes;

    expect((message.blocks[0] as AnyBlock).text.text).toBe(
      `20 failed requests on ${API}/prod in the last 60 min`,
    );
    expect(texts).toContain(
      [
        `*\`${cause.cause}\`* — 20 · Title of ${cause.cause}`,
        'confidence: 20 high',
        `e.g. ${cause.requestIds
          .slice(0, 3)
          .map((id) => `\`${id}\``)
          .join(', ')}`,
        'methods: `GET /pets`, `POST /pets`, `DELETE /pets/{id}`',
      ].join('\n'),
    );
    expect(texts.some((t) => t.includes('Fix for'))).toBe(false);
    const fixes = mrkdwnTexts(scanDetails(scan));
    expect(fixes.some((t) => t.startsWith(`*Fix for \`${cause.cause}\`*\n1. `))).toBe(true);
    expect(fixes.some((t) => t.startsWith('*Fix*'))).toBe(false);
    expect(message.text).toBe(
      `why403: 20 failed requests on ${API}/prod in the last 60 min — ${cause.cause} ×20`,
    );
    expect(limitProblems(message)).toEqual([]);
  });

  it('with nine causes lists six, says "…and 3 more causes", and the details fix the first three', () => {
    const scan = scanOf(9);
    const message = scanMessage(scan, { actions: true });
    const texts = mrkdwnTexts(message);
    const listed = texts.filter((t) => /^\*`[a-z-]+`\* — \d+ · /.test(t));

    expect(listed).toHaveLength(6);
    expect(listed.map((t) => /`([a-z-]+)`/.exec(t)?.[1])).toEqual(
      scan.causes.slice(0, 6).map((c) => c.cause),
    );
    expect(texts).toContain('…and 3 more causes');
    expect(
      mrkdwnTexts(scanDetails(scan))
        .filter((t) => t.startsWith('*Fix for '))
        .map((t) => t.split('\n')[0]),
    ).toEqual(scan.causes.slice(0, 3).map((c) => `*Fix for \`${c.cause}\`*`));
    expect(message.text.startsWith('why403: ')).toBe(true);
    expect(limitProblems(message)).toEqual([]);
  });

  it('uses a title for the header and repeats the headline below it', () => {
    const title = 'Alarm orders-4xx: what the failed requests were';
    const message = scanMessage(scanOf(1), { actions: false, title });
    const headline = `20 failed requests on ${API}/prod in the last 60 min`;

    expect((message.blocks[0] as AnyBlock).text.text).toBe(title);
    expect((message.blocks[1] as AnyBlock).text.text).toBe(headline);
    expect(message.text).toBe(`why403: ${title} — ${headline} — ${scanOf(1).causes[0].cause} ×20`);
    expect(actionsOf(message)).toBeUndefined();
  });

  it('clips a long title to a 150-character header', () => {
    const message = scanMessage(scanOf(1), { actions: true, title: longText('Alarm', 500) });
    expect((message.blocks[0] as AnyBlock).text.text.length).toBeLessThanOrEqual(150);
    expect(limitProblems(message)).toEqual([]);
  });

  it('shows a partial scan and the gaps, escaped', () => {
    const message = scanMessage(
      scanOf(1, { partial: 'stopped at <10,000> rows & more', gaps: ['No <stage>.'] }),
      {
        actions: true,
      },
    );
    const texts = mrkdwnTexts(message);

    expect(texts).toContain('partial: stopped at &lt;10,000&gt; rows &amp; more');
    expect(mrkdwnTexts(scanDetails(scanOf(1, { gaps: ['No <stage>.'] })))).toContain(
      '*Not seen:* No &lt;stage&gt;.',
    );
  });

  it('offers Re-check with a decodable reference and Logs Insights over every log group', () => {
    const groups = [GROUP, `API-Gateway-Execution-Logs_${API}/dev`];
    const message = scanMessage(scanOf(2, { logGroups: groups }), { actions: true });
    const recheck = buttonOf(message, ACTION.recheckScan) as AnyBlock;
    const open = buttonOf(message, ACTION.openCloudWatch) as AnyBlock;

    expect(actionsOf(message)?.block_id).toBe('why403_scan_actions');
    expect(recheck.style).toBe('primary');
    expect(recheck.value.length).toBeLessThanOrEqual(2000);
    expect(JSON.parse(recheck.value)).toEqual({
      restApiId: API,
      stage: 'prod',
      region: REGION,
      since: '60m',
    });
    const read = readInsightsUrl(open.url);
    expect(read.base).toBe(`https://${REGION}.console.aws.amazon.com/cloudwatch/home?region=${REGION}`);
    expect(read.query).toBe(failedRequestsQuery());
    expect(read.logGroups).toEqual(groups);
    expect(open.url.length).toBeLessThanOrEqual(3000);
  });

  it('offers no CloudWatch link without a log group', () => {
    const message = scanMessage(scanOf(0, { logGroups: [] }), { actions: true });
    expect(actionsOf(message)?.elements.map((e: AnyBlock) => e.action_id)).toEqual([ACTION.recheckScan]);
  });

  it.each(['cn-north-1', 'us-gov-west-1'])('links %s scans to that partition’s console', (region) => {
    const url = buttonOf(scanMessage(scanOf(1, { region }), { actions: true }), ACTION.openCloudWatch)?.url;
    expect(url).toMatch(
      region.startsWith('cn-')
        ? /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//
        : /^https:\/\/console\.amazonaws-us-gov\.com\//,
    );
  });

  it('stays within Slack limits with nine causes of long titles and checklists', () => {
    const long = hugeVerdict().checklist;
    const scan = scanOf(9);
    const message = scanMessage(
      {
        ...scan,
        causes: scan.causes.map((c) => ({ ...c, title: longText('Title', 2000), checklist: long })),
        gaps: [longText('gap', 3000)],
      },
      { actions: true, title: 'Alarm' },
    );
    expect(limitProblems(message)).toEqual([]);
    expect(message.blocks.at(-1)?.type).toBe('actions');
    const details = scanDetails({
      ...scan,
      causes: scan.causes.map((c) => ({ ...c, title: longText('Title', 2000), checklist: long })),
      gaps: [longText('gap', 3000)],
    });
    expect(limitProblems(details)).toEqual([]);
  });
});

describe('traceMessage', () => {
  it('shows the redacted execution log in a code block', () => {
    const diagnosis = diagnosisOf(denyVerdict(), {
      trace: [`(${ID}) Starting authorizer: auth01`, `(${ID}) Incoming identity: ${JWT}`],
    });
    const message = traceMessage(diagnosis);
    const texts = mrkdwnTexts(message);

    expect(texts[0]).toBe(`*Execution log of request \`${ID}\`* (redacted)`);
    expect(
      texts[1].startsWith(`\`\`\`(${ID}) Starting authorizer: auth01\n(${ID}) Incoming identity: `),
    ).toBe(true);
    expect(texts[1]).not.toContain(JWT.split('.')[1]);
    expect(message.text).toBe(`Execution log of request ${ID}`);
    expect(limitProblems(message)).toEqual([]);
  });

  it('says so when no execution-log line was found', () => {
    const message = traceMessage(diagnosisOf(denyVerdict(), { trace: [] }));
    expect(mrkdwnTexts(message)[1]).toBe('```(no execution-log line was found for this request)```');
  });

  it('with 300 long lines stays within limits and says "…and N more lines"', () => {
    const trace = Array.from({ length: 300 }, (_, i) =>
      longText(`(${ID}) Endpoint response body ${i}:`, 1000),
    );
    const message = traceMessage(diagnosisOf(denyVerdict(), { trace }));

    expect(limitProblems(message)).toEqual([]);
    const last = message.blocks.at(-1) as AnyBlock;
    expect(last.type).toBe('context');
    expect(last.elements[0].text).toMatch(/^…and \d+ more lines/);
  });
});

describe('usageMessage, problemMessage, progressMessage', () => {
  it('usage without a problem lists the three forms', () => {
    const message = usageMessage();
    const [text] = mrkdwnTexts(message);

    expect(message.text).toBe('why403 usage');
    expect(text.startsWith('*Usage*\n')).toBe(true);
    expect(text).toContain('`/why403 REQUEST_ID [--api API_ID] [--stage STAGE] [--since 2h]`');
    expect(text).toContain('`/why403 api API_ID [STAGE] [--since 1h]`');
    expect(text).toContain('`/why403 help`');
    expect(limitProblems(message)).toEqual([]);
  });

  it('usage with a problem puts the escaped problem first', () => {
    const problem = '"<12345>" is not an API Gateway request id & more';
    const message = usageMessage(problem);
    const [text] = mrkdwnTexts(message);

    expect(message.text).toBe(`${escapeMrkdwn(problem)} — try /why403 help`);
    expect(text.startsWith(`:warning: ${escapeMrkdwn(problem)}\n\n*Usage*\n`)).toBe(true);
    expect(limitProblems(message)).toEqual([]);
  });

  it('usage masks a token pasted in place of an id, in the blocks and in the text', () => {
    const message = usageMessage(`expected one request id, got "Bearer ${BEARER}"`);
    expect(JSON.stringify(message.blocks)).not.toContain(BEARER);
    expect(message.text).not.toContain(BEARER);
  });

  it.each<[string, string | undefined, string, string]>([
    ['without a hint', undefined, 'You may not use why403.', ':warning: You may not use why403.'],
    [
      'with a hint',
      'ask an admin to add you under slack.allowedUsers',
      'You may not use why403. — ask an admin to add you under slack.allowedUsers',
      ':warning: You may not use why403.\nask an admin to add you under slack.allowedUsers',
    ],
  ])('problem %s', (_name, hint, text, section) => {
    const message = problemMessage('You may not use why403.', hint, english);
    expect(message.text).toBe(text);
    expect(mrkdwnTexts(message)).toEqual([section]);
    expect(limitProblems(message)).toEqual([]);
  });

  it('problem escapes and redacts', () => {
    const message = problemMessage(`Slack said <no> & Bearer ${BEARER}`, 'retry > later');
    expect(mrkdwnTexts(message)[0]).toMatch(
      /^:warning: Slack said &lt;no&gt; &amp; Bearer \S+\nretry &gt; later$/,
    );
    expect(JSON.stringify(message)).not.toContain(BEARER);
  });

  it('progress says who asked', () => {
    const message = progressMessage('Looking for request <x>…', english, 'U0ONCALL');
    expect(mrkdwnTexts(message)).toEqual([':mag: Looking for request &lt;x&gt;…', 'asked by <@U0ONCALL>']);
    expect(message.text).toBe('Looking for request &lt;x&gt;…');
  });
});

describe('renderMessageText', () => {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: '403 · Denied', emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn('a < b & c > d, literally &lt;') } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Authorizer*\njwt (auth01) TOKEN' },
        { type: 'mrkdwn', text: '*TTL*\n300 s' },
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: '`authorizer-explicit-deny`' },
        { type: 'mrkdwn', text: 'asked by &lt;someone&gt;' },
      ],
    },
    { type: 'divider' },
    {
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Flush authorizer cache' }, action_id: 'a' },
        { type: 'button', text: { type: 'plain_text', text: 'Re-check' }, action_id: 'b' },
      ],
    },
  ];

  it.each<[string, Block, string]>([
    ['header', blocks[0], '▌ 403 · Denied\n\n'],
    ['section text (unescaped)', blocks[1], 'a < b & c > d, literally &lt;\n\n'],
    ['section fields', blocks[2], '  *Authorizer*: jwt (auth01) TOKEN\n  *TTL*: 300 s\n\n'],
    ['context', blocks[3], '  `authorizer-explicit-deny`  ·  asked by <someone>\n\n'],
    ['divider', blocks[4], '────────\n\n'],
    ['actions', blocks[5], '[ Flush authorizer cache ]  [ Re-check ]\n\n'],
  ])('renders the %s block', (_name, block, expected) => {
    expect(renderMessageText({ text: 'x', blocks: [block] })).toBe(expected);
  });

  it('renders a whole diagnosis readably, in block order, without Slack escapes', () => {
    const verdict = { ...denyVerdict(), summary: 'a <b> & c' };
    const text = [
      diagnosisMessage(diagnosisOf(verdict), { actions: { flushCache: true }, requestedBy: 'U0ONCALL' }),
      diagnosisDetails(diagnosisOf(verdict)),
    ]
      .map(renderMessageText)
      .join('');

    expect(text.startsWith(`▌ 403 · ${english.t(verdict.title)}\n\na <b> & c\n\n  :red_circle: `)).toBe(true);
    expect(text).toContain('asked by <@U0ONCALL>');
    expect(text).toContain('  *Authorizer*: jwt (auth01) TOKEN');
    expect(text).toContain('────────');
    expect(text).toContain(
      '[ Flush authorizer cache ]  [ Show full trace ]  [ Open in CloudWatch ]  [ Re-check ]',
    );
    expect(text).not.toMatch(/&(amp|lt|gt);/);
    expect(text.endsWith('\n')).toBe(true);
  });
});
