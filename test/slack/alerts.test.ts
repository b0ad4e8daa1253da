import { cleanValue, keyValues, parseAlarmTime, regionFromName } from '../../src/slack/alert-text';
import { AlertTarget, messageText, parseApiGatewayAlert, SlackMessageLike } from '../../src/slack/alerts';

/** A Slack `message` event as Bolt hands it over (only the fields the parser or a reader cares about). */
interface SlackMessageEvent extends SlackMessageLike {
  type: 'message';
  subtype?: string;
  bot_id?: string;
  app_id?: string;
  bot_profile?: { name: string };
  username?: string;
  user?: string;
  ts: string;
  channel: string;
}

const CHANNEL = 'C0ALERTS01';
const ACCOUNT = '123456789012';
// 2024-11-21T10:15:27.431+0000, as CloudWatch writes StateChangeTime.
const CHANGED_AT = '2024-11-21T10:15:27.431+0000';
const CHANGED_AT_MS = Date.UTC(2024, 10, 21, 10, 15, 27, 431);

/** Modern apps (AWS Chatbot, Amazon Q Developer, PagerDuty) post with bot_id + app_id + bot_profile and no subtype. */
function appMessage(fields: Partial<SlackMessageEvent>, name = 'Amazon Q'): SlackMessageEvent {
  return {
    type: 'message',
    bot_id: 'B07ALERTBOT',
    app_id: 'A07ALERTAPP',
    bot_profile: { name },
    ts: '1732184128.000100',
    channel: CHANNEL,
    ...fields,
  };
}

/** Incoming webhooks (SNS-to-Slack Lambdas) post as subtype bot_message with a bot_id. */
function webhookMessage(fields: Partial<SlackMessageEvent>): SlackMessageEvent {
  return {
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B05WEBHOOK1',
    username: 'aws-alarms',
    ts: '1732184128.000200',
    channel: CHANNEL,
    ...fields,
  };
}

/**
 * The CloudWatch alarm notification that SNS carries in `Message`. Field names and shapes follow public samples:
 * https://github.com/chilledornaments/go-cw-slack (README "Sample Breach Event": Dimensions as {value, name},
 * Region as a long name, Period/EvaluationPeriods in Trigger) and https://github.com/kenju/go-cloudwatch (main.go).
 */
function alarmJson(
  overrides: Record<string, unknown> = {},
  trigger: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    AlarmName: 'orders-api-4xx',
    AlarmDescription: '4XX responses from orders-api',
    AWSAccountId: ACCOUNT,
    NewStateValue: 'ALARM',
    NewStateReason:
      'Threshold Crossed: 3 out of the last 3 datapoints [41.0 (21/11/24 10:10:00), 37.0 (21/11/24 10:05:00)] were greater than the threshold (25.0) (minimum 3 datapoints for OK -> ALARM transition).',
    StateChangeTime: CHANGED_AT,
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:orders-api-4xx`,
    OldStateValue: 'OK',
    Trigger: {
      MetricName: '4XXError',
      Namespace: 'AWS/ApiGateway',
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Unit: null,
      Dimensions: [
        { value: 'orders-api', name: 'ApiName' },
        { value: 'prod', name: 'Stage' },
      ],
      Period: 300,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 25,
      TreatMissingData: 'missing',
      ...trigger,
    },
    ...overrides,
  };
}

/** Slack's wire escaping, applied by Slack to everything a bot posts. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Glue that posts `json.dumps(message)` as the message text (no formatting at all). */
function rawJsonPost(alarm: Record<string, unknown>): SlackMessageEvent {
  return webhookMessage({ text: slackEscape(JSON.stringify(alarm)) });
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: alerts that must be read

// AWS Chatbot's CloudWatch alarm notification (attachment form). Title "CloudWatch Alarm | <name> | <region> |
// Account: <id>" as Chatbot formats it (https://github.com/wellcomecollection/platform-infrastructure/pull/450 links
// the Chatbot format, https://docs.aws.amazon.com/chatbot/latest/adminguide/related-services.html#cloudwatch; public
// SNS-to-Slack Lambdas copy the same "CloudWatch Alarm | … | Account: …" title). The reason sentence is CloudWatch's
// (https://alexwlchan.net/2018/cloudwatch-alarms-in-slack). Metric details as fields are this fixture's assumption.
const chatbotAttachment = appMessage(
  {
    text: '',
    attachments: [
      {
        color: '#D13212',
        fallback: `CloudWatch Alarm | orders-api-4xx | us-east-1 | Account: ${ACCOUNT}`,
        title: `:rotating_light: CloudWatch Alarm | orders-api-4xx | us-east-1 | Account: ${ACCOUNT}`,
        title_link:
          'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/orders-api-4xx',
        text: 'Too many 4XX responses from orders-api\n\nThreshold Crossed: 5 out of the last 5 datapoints [12.0 (21/11/24 10:14:00), 11.0 (21/11/24 10:13:00)] were greater than or equal to the threshold (10.0) (minimum 5 datapoints for OK -&gt; ALARM transition).',
        fields: [
          { title: 'Namespace', value: 'AWS/ApiGateway', short: true },
          { title: 'Metric', value: '4XXError', short: true },
          { title: 'Dimensions', value: 'ApiName = orders-api, Stage = prod', short: false },
        ],
        footer: 'AWS Chatbot',
      },
    ],
  },
  'AWS Chatbot',
);

// Amazon Q Developer in chat applications (Chatbot's new name, https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html)
// in Block Kit form: the Chatbot title as a header, the reason in a section, metric details as section fields
// ("*Metric:*\n5XXError"). The block layout is assumed (Block Kit's field convention); content as above.
const qDeveloperBlocks = appMessage({
  text: 'CloudWatch Alarm | payments-5xx | eu-west-1 | Account: 210987654321',
  blocks: [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: 'CloudWatch Alarm | payments-5xx | eu-west-1 | Account: 210987654321',
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*5XX errors from the payments API*\nThreshold Crossed: 1 datapoint [7.0 (21/11/24 09:58:00)] was greater than the threshold (5.0).',
      },
    },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Metric:*\n5XXError' },
        { type: 'mrkdwn', text: '*Namespace:*\nAWS/ApiGateway' },
        { type: 'mrkdwn', text: '*Dimensions:*\nApiName = Payments API (v2)' },
        { type: 'mrkdwn', text: '*Period:*\n60 seconds' },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: '<https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/payments-5xx|Show alarm>',
        },
      ],
    },
  ],
});

// SNS-to-Slack glue that posts the SNS envelope in a code block. Envelope shape and subject wording
// (`ALARM: "<name>" in <region long name>`) follow http://cetinich.net/content/2022/cloudwatch-pagerduty-sns/ ; the
// HTTP API metric (`4xx`, dimension ApiId, stage `$default`) follows the API Gateway HTTP API metrics.
const snsEnvelopeInCodeBlock = webhookMessage({
  text:
    '```' +
    slackEscape(
      JSON.stringify(
        {
          Type: 'Notification',
          MessageId: 'c2228c71-f550-5e3d-b92c-d7dada9f6d76',
          TopicArn: `arn:aws:sns:ap-southeast-1:${ACCOUNT}:api-alarms`,
          Subject: 'ALARM: "R&D orders 4xx" in Asia Pacific (Singapore)',
          Message: JSON.stringify(
            alarmJson(
              {
                AlarmName: 'R&D orders 4xx',
                Region: 'Asia Pacific (Singapore)',
                AlarmArn: `arn:aws:cloudwatch:ap-southeast-1:${ACCOUNT}:alarm:R&D orders 4xx`,
              },
              {
                MetricName: '4xx',
                Dimensions: [
                  { name: 'ApiId', value: 'a1b2c3d4e5' },
                  { name: 'Stage', value: '$default' },
                ],
                Period: 60,
                EvaluationPeriods: 5,
              },
            ),
          ),
          Timestamp: '2024-11-21T10:15:28.000Z',
        },
        null,
        2,
      ),
    ) +
    '```',
});

// The "Subject / Message / Timestamp" text that https://gist.github.com/sks147/fc759942d7cd6072723cf8bf341b2f2f
// (from ashiina/aws-lambda-cloudwatch-slack) posts: Message is the raw alarm JSON.
const subjectMessageLines = webhookMessage({
  text: slackEscape(
    [
      '*Subject: ALARM: "checkout-4xx" in US West (Oregon)*',
      `Message: ${JSON.stringify(alarmJson({ AlarmName: 'checkout-4xx', Region: 'US West (Oregon)', AlarmArn: undefined }, { Dimensions: [{ name: 'ApiName', value: 'checkout' }] }))}`,
      'Timestamp: 2024-11-21T10:15:28.000Z',
    ].join('\n'),
  ),
});

// Key: value fields as terraform-aws-modules/terraform-aws-notify-slack posts them (values in backticks, "Current
// State", "Alarm reason"; functions/snapshots/snap_notify_slack_test.py), plus Region / Account ID fields as in
// https://gist.github.com/jakebrinkmann/20176f0172eef09c0d2c6c1b23e75945, and the legacy "EU - Ireland" region name
// from the module's example payload (https://mintlify.wiki/terraform-aws-modules/terraform-aws-notify-slack/events/cloudwatch-alarms).
function notifySlackFields(state: string): SlackMessageEvent {
  return webhookMessage({
    attachments: [
      {
        color: state === 'ALARM' ? 'danger' : 'good',
        fallback: 'Alarm orders-api-4xx-daily triggered',
        text: 'AWS CloudWatch notification - orders-api-4xx-daily',
        fields: [
          { title: 'Alarm Name', value: '`orders-api-4xx-daily`', short: true },
          {
            title: 'Alarm reason',
            value:
              '`Threshold Crossed: 24 out of the last 24 datapoints were greater than the threshold (100.0).`',
            short: false,
          },
          { title: 'Old State', value: state === 'ALARM' ? '`OK`' : '`ALARM`', short: true },
          { title: 'Current State', value: `\`${state}\``, short: true },
          { title: 'Region', value: '`EU - Ireland`', short: true },
          { title: 'Account ID', value: `\`${ACCOUNT}\``, short: true },
          { title: 'Metric', value: '`AWS/ApiGateway 4XXError`', short: true },
          { title: 'Dimensions', value: '`[ApiName = orders-api]`', short: true },
          { title: 'Period', value: '`3600`', short: true },
          { title: 'Evaluation Periods', value: '`24`', short: true },
        ],
      },
    ],
  });
}

// Plain mrkdwn "*Label*: value" lines, as https://gist.github.com/acsrujan/fd8d5d92b652cf56cf589e394917c61b posts
// them (shortened), with the API's execute-api URL in the alarm description, wrapped by Slack as <url|label>.
const mrkdwnLinesWithUrl = webhookMessage({
  text: [
    ':fire: *Alert Triggered*: checkout-5xx',
    '*State*: `ALARM`',
    '*Reason*: Threshold Crossed: 2 out of the last 3 datapoints [3.0 (21/11/24 10:10:00), 2.0 (21/11/24 10:05:00)] were greater than or equal to the threshold (1.0) (minimum 2 datapoints for OK -&gt; ALARM transition).',
    '*Metric*: 5XXError',
    '*Namespace*: AWS/ApiGateway',
    '*Description*: 5XX on <https://k9x8y7z6w5.execute-api.ap-southeast-2.amazonaws.com/live/checkout|the checkout endpoint>',
    '*Region*: Asia Pacific (Sydney)',
  ].join('\n'),
});

// PagerDuty's Slack post for an incident from its Amazon CloudWatch integration: the incident title is the SNS
// subject `ALARM: "<name>" in <region>` (https://htnosm.hatenablog.com/entry/2022/04/01/090000), status, urgency
// and service as fields (https://support.pagerduty.com/docs/notifications), the alarm's details as further fields.
function pagerDutyAttachment(status: 'Triggered' | 'Resolved'): SlackMessageEvent {
  return webhookMessage({
    username: 'PagerDuty',
    attachments: [
      {
        color: status === 'Triggered' ? 'danger' : 'good',
        fallback: `[${status}] #4312: ALARM: "orders-api-403" in US West (Oregon)`,
        title: '#4312: ALARM: "orders-api-403" in US West (Oregon)',
        title_link: 'https://acme.pagerduty.com/incidents/Q1ABCDEFGH',
        fields: [
          { title: 'Status', value: status, short: true },
          { title: 'Urgency', value: 'High', short: true },
          { title: 'Service', value: 'AWS CloudWatch (prod)', short: true },
          { title: 'AlarmName', value: 'orders-api-403', short: true },
          { title: 'Trigger.Namespace', value: 'AWS/ApiGateway', short: true },
          { title: 'Trigger.MetricName', value: '4XXError', short: true },
          { title: 'Trigger.Dimensions', value: 'ApiName=orders-api, Stage=prod', short: false },
          { title: 'Trigger.Period', value: '60', short: true },
          { title: 'Trigger.EvaluationPeriods', value: '5', short: true },
          { title: 'StateChangeTime', value: CHANGED_AT, short: true },
        ],
      },
    ],
  });
}

// PagerDuty's newer Slack app (https://support.pagerduty.com/docs/slack-integration-guide) in Block Kit form:
// "*Triggered* #<n>: <incident title>" then fields. The block layout is assumed; content from the sources above.
const pagerDutyBlocks = appMessage(
  {
    text: 'Triggered #4401: ALARM: "payments-5xx" in Europe (Frankfurt)',
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Triggered* #4401: ALARM: "payments-5xx" in Europe (Frankfurt)' },
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Urgency:*\nHigh' },
          { type: 'mrkdwn', text: '*Service:*\nAWS CloudWatch' },
          { type: 'mrkdwn', text: '*Namespace:*\nAWS/ApiGateway' },
          { type: 'mrkdwn', text: '*Metric:*\n5XXError' },
          { type: 'mrkdwn', text: '*Dimensions:*\nApiId = f6e5d4c3b2, Stage = v1' },
        ],
      },
    ],
  },
  'PagerDuty',
);

// CloudWatch's plain-text SNS email notification, forwarded into the channel as text. Layout ("Alarm Details",
// "- State Change: OK -> ALARM", "Monitored Metric", "- Dimensions: [Name = value]", "for at least N of the last N
// period(s) of P seconds") as in public copies of these emails; its "- TreatMissingData:" line also leaks into
// https://github.com/chilledornaments/go-cw-slack's sample event.
const cloudWatchEmail = webhookMessage({
  text: [
    'You are receiving this email because your Amazon CloudWatch Alarm "orders-api-4xx" in the US East (Ohio) region has entered the ALARM state.',
    '',
    'Alarm Details:',
    '- Name:                       orders-api-4xx',
    '- Description:                4XX responses from orders-api',
    '- State Change:               OK -&gt; ALARM',
    '- Reason for State Change:    Threshold Crossed: 2 out of the last 2 datapoints [41.0 (21/11/24 10:10:00), 37.0 (21/11/24 10:05:00)] were greater than the threshold (25.0).',
    '- Timestamp:                  Thursday 21 November, 2024 10:15:27 UTC',
    `- AWS Account:                ${ACCOUNT}`,
    `- Alarm Arn:                  arn:aws:cloudwatch:us-east-2:${ACCOUNT}:alarm:orders-api-4xx`,
    '',
    'Threshold:',
    '- The alarm is in the ALARM state when the metric is GreaterThanThreshold 25.0 for at least 2 of the last 2 period(s) of 300 seconds.',
    '',
    'Monitored Metric:',
    '- MetricNamespace:                     AWS/ApiGateway',
    '- MetricName:                          4XXError',
    '- Dimensions:                          [ApiName = orders-api] [Stage = prod]',
    '- Period:                              300 seconds',
    '- Statistic:                           Sum',
    '- TreatMissingData:                    missing',
  ].join('\n'),
});

describe('Function: parseApiGatewayAlert — alerts it reads', () => {
  it.each<[string, SlackMessageEvent, AlertTarget]>([
    [
      'AWS Chatbot attachment: ApiName + Stage, region from the title, no Period → 15m',
      chatbotAttachment,
      {
        apiName: 'orders-api',
        stage: 'prod',
        region: 'us-east-1',
        accountId: ACCOUNT,
        alarmName: 'orders-api-4xx',
        metric: '4XXError',
        since: '15m',
      },
    ],
    [
      'Amazon Q Developer blocks: ApiName only, with spaces and parentheses; 60 s × 1 → the 5m floor',
      qDeveloperBlocks,
      {
        apiName: 'Payments API (v2)',
        region: 'eu-west-1',
        accountId: '210987654321',
        alarmName: 'payments-5xx',
        metric: '5XXError',
        since: '5m',
      },
    ],
    [
      'SNS alarm JSON as the text: long region name, ARN, Period 300 × EvaluationPeriods 3 → 15m',
      rawJsonPost(alarmJson()),
      {
        apiName: 'orders-api',
        stage: 'prod',
        region: 'us-east-1',
        accountId: ACCOUNT,
        alarmName: 'orders-api-4xx',
        metric: '4XXError',
        since: '15m',
        firedAt: CHANGED_AT_MS,
      },
    ],
    [
      'SNS envelope in a code block: HTTP API by ApiId, $default stage dropped, escaped &, Period 60 × 5 → 5m',
      snsEnvelopeInCodeBlock,
      {
        restApiId: 'a1b2c3d4e5',
        region: 'ap-southeast-1',
        accountId: ACCOUNT,
        alarmName: 'R&D orders 4xx',
        metric: '4xx',
        since: '5m',
        firedAt: CHANGED_AT_MS,
      },
    ],
    [
      'Subject / Message / Timestamp lines: ApiName only',
      subjectMessageLines,
      {
        apiName: 'checkout',
        region: 'us-west-2',
        accountId: ACCOUNT,
        alarmName: 'checkout-4xx',
        metric: '4XXError',
        since: '15m',
        firedAt: CHANGED_AT_MS,
      },
    ],
    [
      'key: value fields: legacy "EU - Ireland", Period 3600 × 24 → capped at 3h',
      notifySlackFields('ALARM'),
      {
        apiName: 'orders-api',
        region: 'eu-west-1',
        accountId: ACCOUNT,
        alarmName: 'orders-api-4xx-daily',
        metric: '4XXError',
        since: '3h',
      },
    ],
    [
      'mrkdwn lines: execute-api URL behind a Slack link gives the id, stage and region',
      mrkdwnLinesWithUrl,
      { restApiId: 'k9x8y7z6w5', stage: 'live', region: 'ap-southeast-2', metric: '5XXError', since: '15m' },
    ],
    [
      'PagerDuty attachment, triggered: region from the incident title, Period 60 × 5 → 5m',
      pagerDutyAttachment('Triggered'),
      {
        apiName: 'orders-api',
        stage: 'prod',
        region: 'us-west-2',
        alarmName: 'orders-api-403',
        metric: '4XXError',
        since: '5m',
        firedAt: CHANGED_AT_MS,
      },
    ],
    [
      'CloudWatch email text: region and account from the alarm ARN, 300 s × 2 → 10m',
      cloudWatchEmail,
      {
        apiName: 'orders-api',
        stage: 'prod',
        region: 'us-east-2',
        accountId: ACCOUNT,
        alarmName: 'orders-api-4xx',
        metric: '4XXError',
        since: '10m',
        firedAt: Date.UTC(2024, 10, 21, 10, 15, 27),
      },
    ],
    [
      'SNS subject line plus key: value lines, no metric: the alarm name says 4XX',
      webhookMessage({
        text: 'ALARM: "orders-api-4XXError" in US East (N. Virginia)\nNamespace: AWS/ApiGateway\nApiName: orders',
      }),
      { apiName: 'orders', region: 'us-east-1', alarmName: 'orders-api-4XXError', since: '15m' },
    ],
    [
      'PagerDuty blocks, triggered: ApiId + Stage',
      pagerDutyBlocks,
      {
        restApiId: 'f6e5d4c3b2',
        stage: 'v1',
        region: 'eu-central-1',
        alarmName: 'payments-5xx',
        metric: '5XXError',
        since: '15m',
      },
    ],
  ])('%s', (_name, message, expected) => {
    expect(parseApiGatewayAlert(message)).toEqual(expected);
  });
});

describe('Function: parseApiGatewayAlert — messages it ignores', () => {
  const lambdaErrors = alarmJson(
    { AlarmName: 'orders-handler-errors' },
    {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ value: 'orders-handler', name: 'FunctionName' }],
    },
  );
  const albElb4xx = alarmJson(
    { AlarmName: 'public-alb-4xx' },
    {
      MetricName: 'HTTPCode_ELB_4XX_Count',
      Namespace: 'AWS/ApplicationELB',
      Dimensions: [{ value: 'app/public-alb/50dc6c495c0c9188', name: 'LoadBalancer' }],
    },
  );

  it.each<[string, SlackMessageEvent]>([
    [
      'OK notification (JSON)',
      rawJsonPost(
        alarmJson({
          NewStateValue: 'OK',
          OldStateValue: 'ALARM',
          NewStateReason:
            'Threshold Crossed: 3 out of the last 3 datapoints [1.0 (21/11/24 10:40:00)] were not greater than the threshold (25.0).',
        }),
      ),
    ],
    ['OK notification whose fallback still says "triggered" (notify-slack)', notifySlackFields('OK')],
    [
      'INSUFFICIENT_DATA notification',
      rawJsonPost(
        alarmJson({
          NewStateValue: 'INSUFFICIENT_DATA',
          NewStateReason: 'Insufficient Data: 1 datapoint was unknown.',
        }),
      ),
    ],
    ['PagerDuty resolved (the title still says ALARM:)', pagerDutyAttachment('Resolved')],
    [
      'AWS Chatbot OK: the reason says "were not greater"',
      appMessage({
        attachments: [
          {
            title: `CloudWatch Alarm | orders-api-4xx | us-east-1 | Account: ${ACCOUNT}`,
            text: 'Threshold Crossed: 5 out of the last 5 datapoints [1.0 (21/11/24 10:44:00)] were not greater than or equal to the threshold (10.0).',
            fields: [
              { title: 'Namespace', value: 'AWS/ApiGateway' },
              { title: 'Metric', value: '4XXError' },
              { title: 'Dimensions', value: 'ApiName = orders-api' },
            ],
          },
        ],
      }),
    ],
    [
      'PagerDuty acknowledged (already being handled)',
      webhookMessage({
        text: '[Acknowledged] #4312: ALARM: "orders-api-403" in US West (Oregon)\nNamespace: AWS/ApiGateway\nApiName: orders-api',
      }),
    ],
    [
      'API Gateway alarm whose metric is not given and whose text names no error class',
      webhookMessage({
        text: 'ALARM: "orders-api-latency" in US East (N. Virginia)\nNamespace: AWS/ApiGateway\nApiName: orders-api',
      }),
    ],
    ['Lambda Errors alarm', rawJsonPost(lambdaErrors)],
    ['AWS/ApplicationELB 4XX alarm', rawJsonPost(albElb4xx)],
    [
      'ALB HTTPCode_Target_4XX_Count alarm with no namespace in the post',
      webhookMessage({
        attachments: [
          {
            fields: [
              { title: 'Alarm Name', value: 'public-alb-target-4xx' },
              { title: 'Current State', value: 'ALARM' },
              { title: 'Metric', value: 'HTTPCode_Target_4XX_Count' },
              { title: 'Region', value: 'US East (N. Virginia)' },
            ],
          },
        ],
      }),
    ],
    [
      'API Gateway Count alarm (traffic, not errors)',
      rawJsonPost(alarmJson({ AlarmName: 'orders-api-traffic' }, { MetricName: 'Count' })),
    ],
    [
      'a human asking "403 again??"',
      {
        type: 'message',
        user: 'U0HUMAN001',
        text: '403 again?? &lt;@U0ONCALL1&gt; orders-api 4XXError in prod',
        ts: '1732184200.000300',
        channel: CHANNEL,
      },
    ],
    ['an empty message', { type: 'message', ts: '1732184200.000400', channel: CHANNEL }],
  ])('%s', (_name, message) => {
    expect(parseApiGatewayAlert(message)).toBeUndefined();
  });
});

describe('Function: parseApiGatewayAlert — look-back window', () => {
  it.each<[string, string, number | undefined, number | undefined]>([
    ['Period 60 × EvaluationPeriods 5', '5m', 60, 5],
    ['Period 300 × EvaluationPeriods 3', '15m', 300, 3],
    ['Period 300 × EvaluationPeriods 12', '1h', 300, 12],
    ['Period 120 × EvaluationPeriods 3', '6m', 120, 3],
    ['Period 90 × EvaluationPeriods 3 (4.5 min, rounded up)', '5m', 90, 3],
    ['Period 10 × EvaluationPeriods 1 (below the floor)', '5m', 10, 1],
    ['Period 86400 × EvaluationPeriods 7 (huge)', '3h', 86400, 7],
    ['Period and EvaluationPeriods missing', '15m', undefined, undefined],
  ])('%s → %s', (_name, expected, period, evaluationPeriods) => {
    const alarm = alarmJson(
      { NewStateReason: 'Threshold Crossed: no datapoints were received.' },
      { Period: period, EvaluationPeriods: evaluationPeriods },
    );
    expect(parseApiGatewayAlert(rawJsonPost(alarm))?.since).toBe(expected);
  });
});

describe('Function: parseApiGatewayAlert — look-back window from sentences', () => {
  function chatbotWith(sentence: string): SlackMessageEvent {
    return appMessage({
      attachments: [
        {
          title: `CloudWatch Alarm | orders-api-4xx | us-east-1 | Account: ${ACCOUNT}`,
          text: `${sentence}\nThreshold Crossed: 1 datapoint [12.0 (21/11/24 10:14:00)] was greater than the threshold (5.0).`,
          fields: [
            { title: 'Namespace', value: 'AWS/ApiGateway' },
            { title: 'Metric', value: '4XXError' },
            { title: 'Dimensions', value: 'ApiName = orders-api' },
          ],
        },
      ],
    });
  }

  // "<metric> > N for M datapoints within T minutes" is how the CloudWatch console words an alarm condition (e.g.
  // https://bicov.pro/blog/new-cloudwatch-to-slack), and teams paste it into alarm descriptions.
  it.each<[string, string]>([
    ['4XXError > 5 for 3 datapoints within 30 minutes', '30m'],
    ['4XXError > 5 for 1 datapoint within 1 minute', '5m'],
    ['4XXError > 5 for 2 datapoints within 6 hours', '3h'],
    ['for at least 2 of the last 4 period(s) of 900 seconds', '1h'],
    ['no condition given', '15m'],
  ])('%j → %s', (sentence, expected) => {
    expect(parseApiGatewayAlert(chatbotWith(sentence))?.since).toBe(expected);
  });
});

describe('Function: parseApiGatewayAlert — values that later reach AWS calls', () => {
  function parsedWith(
    dimensions: { name: string; value: string }[],
    overrides: Record<string, unknown> = {},
  ): AlertTarget | undefined {
    return parseApiGatewayAlert(rawJsonPost(alarmJson(overrides, { Dimensions: dimensions })));
  }

  it.each<[string, { name: string; value: string }[], Record<string, unknown>, Partial<AlertTarget>]>([
    [
      'an ApiId that is not 10 lowercase alphanumerics is dropped',
      [{ name: 'ApiId', value: 'NOT-AN-ID1' }],
      {},
      { restApiId: undefined },
    ],
    [
      'a stage with shell characters is dropped',
      [
        { name: 'ApiName', value: 'orders-api' },
        { name: 'Stage', value: 'prod; rm -rf /' },
      ],
      {},
      { stage: undefined },
    ],
    ['an API name is trimmed', [{ name: 'ApiName', value: '  orders api  ' }], {}, { apiName: 'orders api' }],
    [
      'an API name of 128 characters is kept',
      [{ name: 'ApiName', value: 'a'.repeat(128) }],
      {},
      { apiName: 'a'.repeat(128) },
    ],
    [
      'an API name over 128 characters is dropped',
      [{ name: 'ApiName', value: 'a'.repeat(129) }],
      {},
      { apiName: undefined },
    ],
    [
      'an unknown region name gives no region',
      [{ name: 'ApiName', value: 'orders-api' }],
      { Region: 'Moon (Base One)', AlarmArn: undefined },
      { region: undefined },
    ],
    [
      'an account id that is not 12 digits is dropped',
      [{ name: 'ApiName', value: 'orders-api' }],
      { AWSAccountId: '1234', AlarmArn: undefined },
      { accountId: undefined },
    ],
  ])('%s', (_name, dimensions, overrides, expected) => {
    const target = parsedWith(dimensions, overrides);
    expect(target).toBeDefined();
    for (const [key, value] of Object.entries(expected))
      expect(target?.[key as keyof AlertTarget]).toEqual(value);
  });
});

describe('Function: parseApiGatewayAlert — dimension spellings', () => {
  function fieldsWithDimensions(dimensions: string): SlackMessageEvent {
    return webhookMessage({
      attachments: [
        {
          fields: [
            { title: 'Alarm Name', value: 'orders-api-4xx' },
            { title: 'Current State', value: 'ALARM' },
            { title: 'Namespace', value: 'AWS/ApiGateway' },
            { title: 'Metric', value: '4XXError' },
            { title: 'Dimensions', value: dimensions },
          ],
        },
      ],
    });
  }

  it.each<[string, Partial<AlertTarget>]>([
    ['ApiName = orders-api, Stage = prod', { apiName: 'orders-api', stage: 'prod' }],
    ['ApiName=orders-api Stage=prod', { apiName: 'orders-api', stage: 'prod' }],
    ['[ApiName = orders-api] [Stage = prod]', { apiName: 'orders-api', stage: 'prod' }],
    ['{ApiName: orders-api, Stage: prod}', { apiName: 'orders-api', stage: 'prod' }],
    [
      'ApiName = orders-api, Method = GET, Resource = /orders/{id}, Stage = prod',
      { apiName: 'orders-api', stage: 'prod' },
    ],
    ['Stage = prod, ApiName = Orders API (prod)', { apiName: 'Orders API (prod)', stage: 'prod' }],
    ['ApiName = orders\u0007api', { apiName: undefined }],
    ['ApiId = a1b2c3d4e5', { restApiId: 'a1b2c3d4e5', apiName: undefined }],
  ])('%j', (dimensions, expected) => {
    const target = parseApiGatewayAlert(fieldsWithDimensions(dimensions));
    expect(target).toBeDefined();
    for (const [key, value] of Object.entries(expected))
      expect(target?.[key as keyof AlertTarget]).toEqual(value);
  });
});

describe('Function: regionFromName', () => {
  it.each<[string, string | undefined]>([
    ['US East (N. Virginia)', 'us-east-1'],
    ['US West (Oregon)', 'us-west-2'],
    ['asia pacific (tokyo)', 'ap-northeast-1'],
    ['Europe (Stockholm)', 'eu-north-1'],
    ['EU (Frankfurt)', 'eu-central-1'],
    ['EU - Ireland', 'eu-west-1'],
    ['US - N. Virginia', 'us-east-1'],
    ['South America (São Paulo)', 'sa-east-1'],
    ['Canada West (Calgary)', 'ca-west-1'],
    ['Mexico (Central)', 'mx-central-1'],
    ['Middle East (UAE)', 'me-central-1'],
    ['China (Ningxia)', 'cn-northwest-1'],
    ['AWS GovCloud (US-West)', 'us-gov-west-1'],
    ['AWS GovCloud (US-East)', 'us-gov-east-1'],
    ['AWS GovCloud (US)', 'us-gov-west-1'],
    ['us-west-2', 'us-west-2'],
    ['us-gov-east-1', 'us-gov-east-1'],
    ['Somewhere (Central)', undefined],
    ['Moon (Base One)', undefined],
    ['us-iso-east-1', undefined],
    ['', undefined],
  ])('%j → %j', (name, expected) => {
    expect(regionFromName(name)).toBe(expected);
  });
});

describe('Function: messageText', () => {
  it.each<[string, SlackMessageLike, string]>([
    [
      'text only, with Slack escapes and links undone',
      {
        text: 'R&amp;D &lt;prod&gt; <https://example.com/a?b=1&amp;c=2|the runbook> <https://example.com/raw> <@U0ONCALL1>',
      },
      'R&D <prod> the runbook https://example.com/raw @U0ONCALL1',
    ],
    [
      'attachments: pretext, title, text, fallback, fields, footer',
      {
        attachments: [
          {
            pretext: 'pre',
            title: 'Title',
            text: 'Body',
            fallback: 'Fallback',
            fields: [
              { title: 'Region', value: 'us-east-1' },
              { title: 'Only title' },
              { value: 'only value' },
            ],
            footer: 'Footer',
          },
        ],
      },
      'pre\nTitle\nBody\nFallback\nRegion: us-east-1\nOnly title\nonly value\nFooter',
    ],
    [
      'text first, then attachments, then blocks',
      {
        text: 'top',
        attachments: [{ text: 'attached' }],
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'block' } }],
      },
      'top\nattached\nblock',
    ],
    [
      'header block',
      { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Heads up' } }] },
      'Heads up',
    ],
    [
      'section block text and fields',
      {
        blocks: [
          {
            type: 'section',
            text: { type: 'mrkdwn', text: '*Alarm*' },
            fields: [
              { type: 'mrkdwn', text: '*Metric:*\n4XXError' },
              { type: 'plain_text', text: 'prod' },
            ],
          },
        ],
      },
      '*Alarm*\n*Metric:*\n4XXError\nprod',
    ],
    [
      'context block elements (images carry no text)',
      {
        blocks: [
          {
            type: 'context',
            elements: [
              { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'icon' },
              { type: 'mrkdwn', text: 'Account: 123456789012' },
            ],
          },
        ],
      },
      'Account: 123456789012',
    ],
    [
      'rich_text block: section, list, preformatted and quote leaves',
      {
        blocks: [
          {
            type: 'rich_text',
            elements: [
              {
                type: 'rich_text_section',
                elements: [
                  { type: 'text', text: 'See ' },
                  { type: 'link', url: 'https://example.com', text: 'the graph' },
                  { type: 'emoji', name: 'fire' },
                ],
              },
              {
                type: 'rich_text_list',
                style: 'bullet',
                elements: [
                  { type: 'rich_text_section', elements: [{ type: 'text', text: 'ApiName = orders-api' }] },
                ],
              },
              { type: 'rich_text_preformatted', elements: [{ type: 'text', text: '{"AlarmName":"x"}' }] },
              { type: 'rich_text_quote', elements: [{ type: 'link', url: 'https://example.com/only-url' }] },
            ],
          },
        ],
      },
      'See the graph\nApiName = orders-api\n{"AlarmName":"x"}\nhttps://example.com/only-url',
    ],
    [
      'attachment blocks',
      { attachments: [{ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'inside' } }] }] },
      'inside',
    ],
    [
      'unknown shapes are skipped',
      {
        attachments: ['nope', null, { fields: 'nope' }],
        blocks: [{ type: 'divider' }, { type: 'actions', elements: [] }],
      },
      '',
    ],
  ])('%s', (_name, message, expected) => {
    expect(messageText(message)).toBe(expected);
  });
});

describe('Function: parseAlarmTime', () => {
  it.each<[string, number | undefined]>([
    ['2024-11-21T10:15:27.431+0000', CHANGED_AT_MS],
    ['2024-11-21T12:15:27.431+02:00', CHANGED_AT_MS],
    ['2024-11-21T10:15:28.000Z', Date.UTC(2024, 10, 21, 10, 15, 28)],
    ['2024-11-21 10:15:27', Date.UTC(2024, 10, 21, 10, 15, 27)],
    ['Thursday 21 November, 2024 10:15:27 UTC', Date.UTC(2024, 10, 21, 10, 15, 27)],
    ['Triggered 3 times', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseAlarmTime(text)).toBe(expected);
  });
});

describe('Alert parsing: hostile messages', () => {
  // Each of these made one of the parser's patterns backtrack over the whole message: seconds per message.
  const hostile = [
    'A:_' + ' \t'.repeat(20_000) + '\u0000',
    '\u0000' + ','.repeat(40_000) + '\u0000',
    '\n'.repeat(40_000) + '\t#0\n[RESOLVED]',
    'OK:"O"\tin\tC' + '\t'.repeat(40_000) + 'n',
    'CLOUDWATCH ALARM|H' + '\t '.repeat(20_000),
    'ApiId::' + '\t'.repeat(40_000) + '\n',
  ];

  it.each(hostile.map((text) => [text.slice(0, 12), text]))(
    'reads a 40,000-character message starting %j at once (no alarm on its own)',
    (_start, text) => {
      expect(parseApiGatewayAlert({ text })).toBeUndefined();
      const afterASubject = `ALARM: "4xx" in US East (N. Virginia)\n${text}`;
      expect(() => parseApiGatewayAlert({ text: afterASubject })).not.toThrow();
    },
  );

  it('still reads the values of a notification whose lines are padded and emphasised', () => {
    const pairs = keyValues('*Alarm Name:*   "api-4xx",  \n State Change: OK -> ALARM');
    expect(pairs.get('alarmname')).toBe('api-4xx');
    expect(pairs.get('statechange')).toBe('OK -> ALARM');
    expect(cleanValue(' *`"quoted"`*, ')).toBe('quoted');
  });
});
