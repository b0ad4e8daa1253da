import { classify } from '../../src/classify/classify';
import type { Verdict } from '../../src/classify/types';
import type { Diagnosis } from '../../src/pipeline/diagnose';
import type { ApiScan } from '../../src/pipeline/scan-api';
import { english } from '../../src/render/localize';
import { slack as SLACK_MESSAGES } from '../../src/render/messages/en/slack';
import { msg } from '../../src/text';
import {
  diagnosisDetails,
  diagnosisMessage,
  noticeMessage,
  problemMessage,
  progressMessage,
  refusalMessage,
  scanDetails,
  scanMessage,
  traceMessage,
  usageMessage,
} from '../../src/render/blocks';
import { slackParam, type SlackMessage } from '../../src/render/block-kit';
import {
  ARN_PREFIX,
  TOKEN_AUTHORIZER,
  authorizerRun,
  cloudwatch,
  evidence,
  policy,
} from '../support/evidence';
import {
  BOT_ID,
  eventCallback,
  post,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type TestBot,
  FORM,
  JSON_TYPE,
} from '../support/slack';

/**
 * Text that came from people, alarms or AWS never reaches Slack as a live mention or link: every renderer, run over
 * hostile names and ids, escapes them in the blocks and in the fallback text; and so does the bot, end to end.
 */

const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123ABCD|@oncall>',
  '<@U0VICTIM>',
  '<#C0SECRET>',
  '<https://evil.example|click me>',
  'orders-api 4XX > 5% & rising',
  'payments & refunds',
];
const NASTY = HOSTILE.join(' ');

/** Every string of a message Slack parses as mrkdwn: the fallback text, sections, fields, contexts, dialogs. */
function mrkdwnStrings(message: SlackMessage): string[] {
  const out = [message.text];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') out.push(object.text);
    Object.values(object).forEach(visit);
  };
  visit(message.blocks);
  return out;
}

/** Slack's special tokens: <!…>, <@…>, <#…>, <url|…>. Only the ones the bot itself means may appear. */
function liveTokens(text: string): string[] {
  return [...text.matchAll(/<([!@#]|https?:)[^>]*>/g)].map((match) => match[0]);
}

function expectInert(messages: SlackMessage[], allowed: string[] = []): void {
  for (const message of messages) {
    for (const text of mrkdwnStrings(message)) {
      expect({ text, live: liveTokens(text).filter((token) => !allowed.includes(token)) }).toEqual({
        text,
        live: [],
      });
    }
  }
}

const ID = '11111111-2222-4333-8444-555555555555';

function hostileVerdict(): Verdict {
  const base = classify(
    evidence({
      log: [
        ...authorizerRun(ID, `${ARN_PREFIX}/prod/GET/pets`, {
          principalId: 'user-42',
          policyDocument: policy('Deny', `${ARN_PREFIX}/prod/*/*`),
        }),
        ...cloudwatch(ID, 'The client is not authorized to perform this operation.'),
      ],
      config: { authorizer: TOKEN_AUTHORIZER },
    }),
  );
  return {
    ...base,
    title: `Title ${NASTY}`,
    summary: `Summary ${NASTY}`,
    evidence: [`(x) ${NASTY}`],
    checklist: [{ text: `Step ${NASTY}`, command: `echo ${NASTY}`, iac: [{ tool: 'CDK', setting: NASTY }] }],
    settle: [NASTY],
    gaps: [NASTY],
    facts: [{ label: NASTY, value: NASTY }],
    policies: base.policies.map((p) => ({
      ...p,
      label: NASTY,
      reason: NASTY,
      allowed: [NASTY],
      denied: [NASTY],
    })),
    candidates: [...base.candidates, { cause: 'other', confidence: 'low', title: NASTY, summary: NASTY }],
  };
}

function hostileDiagnosis(): Diagnosis {
  return {
    verdict: hostileVerdict(),
    request: { requestId: NASTY, restApiId: NASTY, stage: NASTY, region: NASTY, status: 403 },
    config: {},
    search: {
      found: true,
      foundIn: NASTY,
      logGroups: [NASTY],
      missingLogGroups: [],
      window: { start: 0, end: 1 },
    },
    unread: [],
    trace: HOSTILE,
  };
}

function hostileScan(): ApiScan {
  return {
    restApiId: NASTY,
    stage: NASTY,
    region: NASTY,
    window: { start: 0, end: 3_600_000 },
    total: 3,
    failedRequests: 3,
    notCounted: 0,
    complete: true,
    causes: [
      {
        cause: 'authorizer-explicit-deny',
        stage: NASTY,
        count: 3,
        confidence: { high: 3, medium: 0, low: 0 },
        requestIds: HOSTILE,
        methods: HOSTILE,
        title: NASTY,
        checklist: hostileVerdict().checklist,
      },
    ],
    bytesScanned: 1,
    logGroups: [NASTY],
    partial: NASTY,
    gaps: [NASTY],
  };
}

describe('every renderer, over hostile names and ids', () => {
  const diagnosis = hostileDiagnosis();

  it.each<[string, () => SlackMessage[]]>([
    [
      'the verdict and its details',
      () => [
        diagnosisMessage(diagnosis, { actions: { flushCache: true }, requestedBy: NASTY, since: NASTY }),
        diagnosisMessage(diagnosis, { actions: { flushCache: true }, details: 'button' }),
        diagnosisDetails(diagnosis),
      ],
    ],
    ['the execution log', () => [traceMessage(diagnosis)]],
    [
      'a scan, its details and an alarm’s title',
      () => [
        scanMessage(hostileScan(), { actions: true, title: NASTY }),
        scanMessage(hostileScan(), {
          actions: true,
          details: 'button',
          title: msg('slack.alert.title', { alarm: NASTY }),
        }),
        scanDetails(hostileScan()),
      ],
    ],
    [
      'progress',
      () => [
        progressMessage(NASTY, english, NASTY),
        progressMessage(msg('slack.progress.diagnose', { id: NASTY })),
      ],
    ],
    [
      'a problem',
      () => [
        problemMessage(NASTY, NASTY),
        problemMessage(msg('slack.error.scan', { where: NASTY, reason: NASTY })),
      ],
    ],
    ['usage', () => [usageMessage(NASTY), usageMessage(msg('slack.command.one-id', { got: NASTY }))]],
    ['a refusal', () => [refusalMessage(msg('slack.refuse.channel-api', { api: NASTY }), NASTY, NASTY)]],
  ])('%s', (_name, render) => {
    const messages = render();
    expectInert(messages);
    for (const message of messages) {
      expect(message.text).not.toMatch(/<!|<@|<#/);
      expect(JSON.stringify(message.blocks)).toContain('&lt;!channel&gt;');
    }
  });

  it.each(Object.keys(SLACK_MESSAGES) as Array<keyof typeof SLACK_MESSAGES>)(
    'the template %s, with every parameter hostile',
    (id) => {
      const source: string = SLACK_MESSAGES[id];
      const params = Object.fromEntries(
        [...source.matchAll(/\{(\w+)(\}|, *plural)/g)].map(([, name, end]) => [
          name,
          end === '}' ? NASTY : 2,
        ]),
      );
      const message = noticeMessage(english, id, params);
      expectInert([message]);
      if (Object.values(params).includes(NASTY)) expect(message.text).toContain('&lt;!here&gt;');
    },
  );

  it('mentions and links are made only from ids and URLs that are what they claim to be', () => {
    const made = noticeMessage(english, 'slack.repeat.link', {
      id: slackParam.code(ID),
      user: slackParam.user('U0ONCALL'),
      ago: msg('slack.ago', { minutes: 1 }),
      link: slackParam.link('https://example.slack.com/archives/C0CHAN/p1', 'see the answer'),
    });
    expect(liveTokens(made.text)).toEqual([
      '<@U0ONCALL>',
      '<https://example.slack.com/archives/C0CHAN/p1|see the answer>',
    ]);
    const faked = noticeMessage(english, 'slack.repeat.link', {
      id: slackParam.code(ID),
      user: slackParam.user('<!channel>'),
      ago: msg('slack.ago', { minutes: 1 }),
      link: slackParam.link('https://evil.example/x|<!here>', '<!here>'),
    });
    expect(liveTokens(faked.text)).toEqual([]);
    expect(
      liveTokens(
        noticeMessage(english, 'slack.error.not-posted', { channel: slackParam.channel('<!here>') }).text,
      ),
    ).toEqual([]);
  });
});

describe('the bot, end to end, over hostile input', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(slackConfig({ alertChannels: ['C0ALERTS'], alertBots: ['B0CHATBOT'] }));
  });
  afterEach(() => t.stop());

  /** Every message the bot sent, to the Web API or a response_url. */
  function sent(calls: Array<{ method: string; body: Record<string, unknown> }>): SlackMessage[] {
    return calls
      .filter((c) => c.method.startsWith('chat.'))
      .map((c) => ({
        text: String(c.body.text ?? ''),
        blocks: (c.body.blocks ?? []) as SlackMessage['blocks'],
      }));
  }

  it('an alarm named to ping everyone, about an API named with & and <…>', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [] }),
      'auth.test': () => ({ bot_id: BOT_ID, user_id: 'U0BOT1234' }),
    });
    for (const [i, apiName] of ['orders', `payments & refunds <!here>`].entries()) {
      await post(
        t.url,
        eventCallback({
          type: 'message',
          bot_id: 'B0CHATBOT',
          channel: 'C0ALERTS',
          ts: `170000000${i}.000100`,
          text: JSON.stringify({
            AlarmName: `orders-api 4XX > 5% & rising <!channel> <@U0VICTIM>`,
            NewStateValue: 'ALARM',
            Trigger: {
              MetricName: '4XXError',
              Namespace: 'AWS/ApiGateway',
              Dimensions: [{ name: 'ApiName', value: apiName }],
              Period: 300,
              EvaluationPeriods: 1,
            },
          }),
        }),
        JSON_TYPE,
      );
    }
    await t.bot.idle();

    const messages = sent(calls);
    expect(messages.length).toBeGreaterThan(2);
    expectInert(messages);
    const all = JSON.stringify(messages);
    // The alarm reader unwraps Slack's <…> markup; what is left is shown escaped.
    expect(all).toContain('Alarm orders-api 4XX &gt; 5% &amp; rising');
    expect(all).toContain('payments &amp; refunds');
  });

  it('a slash command and a mention that type <!channel>, <!here> and <@…>', async () => {
    const calls = slackApi({
      'conversations.replies': () => ({ messages: [{ ts: '1.0', text: '<!here>' }] }),
    });
    const ack = await post(t.url, slashCommand('<!channel> <@U0VICTIM>'), FORM);
    await post(
      t.url,
      eventCallback({
        type: 'app_mention',
        user: 'U0ONCALL',
        text: '<@U0BOT1234> <!here> <!subteam^S0123ABCD|@oncall>',
        ts: '1700000500.000100',
        thread_ts: '1.0',
        channel: 'C0CHAN',
      }),
      JSON_TYPE,
    );
    await t.bot.idle();

    const answer = JSON.parse(ack.text) as SlackMessage;
    expectInert([answer, ...sent(calls)]);
    expect(sent(calls)).toHaveLength(1);
  });
});
