import { redactText } from '../../src/redact';
import { english } from '../../src/render/localize';
import { problemMessage, traceMessage } from '../../src/render/blocks';
import { recordingLog, type LogLine } from '../support/slack';

/**
 * Slack's own secrets (tokens, and the paths of webhook and response URLs, which work without any other credential)
 * never leave the process: not in a message, not in a log line. They turn up in the logs of APIs that serve Slack
 * apps, and in errors.
 */

const SECRETS: Array<[string, string, string]> = [
  ['a bot token', 'with xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx', 'AbCdEfGhIjKlMnOpQrStUvWx'],
  ['a user token', 'sent xoxp-1234567890-0987654321-1122334455-0a1b2c3d4e5f', '0a1b2c3d4e5f'],
  ['a rotating token', 'refresh xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTAtMDk4NzY1', 'Mi0yLTEyMzQ1Njc4OTAtMDk4NzY1'],
  ['an app-level token', 'SLACK_APP_TOKEN xapp-1-A0123ABCD-1234567890-0a1b2c3d4e5f6a7b', '0a1b2c3d4e5f6a7b'],
  [
    'an incoming webhook',
    'POST https://hooks.slack.com/services/T0123ABCD/B0123ABCD/AbCdEfGhIjKlMnOpQrStUvWx failed',
    'AbCdEfGhIjKlMnOpQrStUvWx',
  ],
  [
    'a response_url',
    '{"response_url":"https:\\/\\/hooks.slack.com/commands/T0123ABCD/5551234/ZyXwVuTsRqPoNmLk"}',
    'ZyXwVuTsRqPoNmLk',
  ],
];

describe('Slack secrets', () => {
  it.each(SECRETS)('%s is masked in text', (_name, text, secret) => {
    const masked = redactText(text);
    expect(masked).not.toContain(secret);
    expect(masked).toContain('[REDACTED]');
  });

  it.each(SECRETS)('%s is masked in a message to Slack and its fallback text', (_name, text, secret) => {
    const message = problemMessage(text, undefined, english);
    expect(JSON.stringify(message)).not.toContain(secret);
  });

  it.each(SECRETS)('%s is masked in the log, as a message and as a field', (_name, text, secret) => {
    const lines: LogLine[] = [];
    const log = recordingLog(lines);
    log.warn({ detail: text }, text);
    log.error(new Error(text));
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('Show full trace masks a token the API logged', () => {
    const id = '11111111-2222-4333-8444-555555555555';
    const line = `(${id}) Method request body before transformations: {"slack":"xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp"}`;
    const diagnosis = { request: { requestId: id }, trace: [line] };
    const message = traceMessage(diagnosis as unknown as Parameters<typeof traceMessage>[0], english);
    expect(JSON.stringify(message)).not.toContain('AbCdEfGhIjKlMnOp');
  });

  it('leaves what only looks alike: words, ids and other hosts', () => {
    for (const text of [
      'the xoxo team',
      'api-xoxb is a stage',
      'https://example.com/services/T0/B0/abc',
      'hooks.slack.com is reachable',
    ])
      expect(redactText(text)).toBe(text);
  });
});
