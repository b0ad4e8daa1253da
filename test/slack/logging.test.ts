import nock from 'nock';
import { DEFAULT_CONFIG } from '../../src/config/app-config';
import { createLog } from '../../src/log';
import { Why403Service } from '../../src/pipeline/service';
import type { SlackBot } from '../../src/slack/app';
import { SCENARIOS } from '../../src/sandbox/world';
import {
  blockAction,
  post,
  recordingLog,
  slackApi,
  slackConfig,
  slashCommand,
  startTestBot,
  type LogLine,
  type TestBot,
  startBot,
  FORM,
} from '../support/slack';

/**
 * The bot's logs: JSON lines with an ISO time and a level name; one correlation id per Slack request, on every line
 * of its job and on each AWS call the job makes; secrets redacted; and the audit of a flush tied, through the AWS
 * session that performs it, to the Slack user who pressed the button.
 */

describe('Slack bot: structured logs', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(slackConfig());
  });
  afterEach(() => t.stop());

  it('writes JSON lines with an ISO time and the level by name', async () => {
    slackApi();
    await post(t.url, slashCommand(`${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`), FORM);
    await t.bot.idle();

    expect(t.logs.length).toBeGreaterThan(0);
    for (const line of t.logs) {
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
      expect(typeof line.msg).toBe('string');
    }
  });

  it('gives each Slack request one correlation id, carried by its job’s lines and by each AWS call it makes', async () => {
    slackApi();
    await Promise.all([
      post(
        t.url,
        slashCommand(`${SCENARIOS.deny.requestId} --api a1b2c3d4e5 --stage prod`, { trigger_id: '1' }),
        FORM,
      ),
      post(
        t.url,
        slashCommand(`${SCENARIOS.ipDeny.requestId} --api b2c3d4e5f6 --stage prod`, { trigger_id: '2' }),
        FORM,
      ),
    ]);
    await t.bot.idle();

    const started = t.logs.filter((line) => line.msg === 'job started');
    expect(started).toHaveLength(2);
    const ids = started.map((line) => line.correlationId as string);
    expect(new Set(ids).size).toBe(2);
    const awsCalls = t.logs.filter((line) => line.msg === 'aws call');
    expect(awsCalls.length).toBeGreaterThanOrEqual(t.sandbox.fake.calls.length);
    for (const line of awsCalls) {
      expect(ids).toContain(line.correlationId);
      expect(line.aws).toMatchObject({
        method: expect.any(String),
        status: expect.anything(),
        ms: expect.any(Number),
      });
    }
    // Each request's AWS calls are about its own API.
    const pathsOf = (id: string) =>
      awsCalls
        .filter((l) => l.correlationId === id && l.aws.path.startsWith('/restapis/'))
        .map((l) => l.aws.path);
    const byApi = ids.map(pathsOf);
    expect(
      byApi.some((paths) => paths.length > 0 && paths.every((p: string) => p.includes('a1b2c3d4e5'))),
    ).toBe(true);
    expect(
      byApi.some((paths) => paths.length > 0 && paths.every((p: string) => p.includes('b2c3d4e5f6'))),
    ).toBe(true);
    expect(awsCalls.some((line) => line.aws.operation === 'FilterLogEvents')).toBe(true);
  });
});

describe('createLog', () => {
  it.each<[string, string, string[]]>([
    ['info hides debug', 'info', ['info', 'warn']],
    ['warn hides info', 'warn', ['warn']],
    ['debug shows all', 'debug', ['debug', 'info', 'warn']],
  ])('%s (LOG_LEVEL)', (_name, level, shown) => {
    const lines: LogLine[] = [];
    const log = recordingLog(lines, level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    expect(lines.map((line) => line.level)).toEqual(shown);
  });

  it('redacts tokens in messages, in fields and in errors', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJlLWJ5dGVz';
    const written: string[] = [];
    const log = createLog({ destination: { write: (line: string) => void written.push(line) } });
    log.info(
      { authorization: `Bearer ${jwt}`, request: { headers: `x-api-key: abcdefghijklmnop1234` } },
      `got ${jwt}`,
    );
    log.error(new Error(`failed with Authorization: Bearer ${jwt}`));
    const all = written.join('\n');
    expect(all).not.toContain(jwt.split('.')[1]);
    expect(all).not.toContain('abcdefghijklmnop1234');
    expect(JSON.parse(written[1]).err.message).toMatch(/^failed with Authorization: /);
  });
});

describe('Slack bot: a flush is done in an AWS session named after the Slack user', () => {
  const ROLE = 'arn:aws:iam::210987654321:role/why403-flush';
  let bot: SlackBot;
  let url: string;
  let stop: () => Promise<void>;
  const logs: LogLine[] = [];

  beforeEach(async () => {
    const service = new Why403Service({
      config: {
        ...DEFAULT_CONFIG,
        apis: [{ id: 'a1b2c3d4e5', region: 'eu-west-1', roleArn: ROLE }],
        slack: slackConfig({
          users: { U0ONCALL: { apis: 'all', flush: true } },
          channels: { C0CHAN: { apis: 'all', flush: true } },
        }),
      },
    });
    ({ bot, url, stop } = await startBot(service, recordingLog(logs)));
  });
  afterEach(() => stop());

  it('RoleSessionName and SourceIdentity carry the user; the audit line names user, channel, API, stage, region', async () => {
    const assumed: Array<Record<string, string>> = [];
    nock('https://sts.eu-west-1.amazonaws.com')
      .post('/', (body: string | Record<string, string>) => {
        assumed.push(typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body);
        return true;
      })
      .reply(
        200,
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:why403-U0ONCALL</AssumedRoleId><Arn>arn:aws:sts::210987654321:assumed-role/why403-flush/why403-U0ONCALL</Arn></AssumedRoleUser>
<Credentials><AccessKeyId>ASIAFLUSHFORONCALL01</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>flush-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
<SourceIdentity>U0ONCALL</SourceIdentity></AssumeRoleResult></AssumeRoleResponse>`,
        { 'content-type': 'text/xml' },
      );
    let signedBy = '';
    nock('https://apigateway.eu-west-1.amazonaws.com')
      .delete('/restapis/a1b2c3d4e5/stages/prod/cache/authorizers')
      .reply(function () {
        signedBy = String(this.req.headers.authorization);
        return [202, ''];
      });
    const calls = slackApi();

    const value = JSON.stringify({
      requestId: SCENARIOS.cached.requestId,
      restApiId: 'a1b2c3d4e5',
      stage: 'prod',
      region: 'eu-west-1',
    });
    await post(url, blockAction({ action_id: 'why403_flush_cache', value }), FORM);
    await bot.idle();

    expect(assumed).toEqual([
      expect.objectContaining({
        Action: 'AssumeRole',
        RoleArn: ROLE,
        RoleSessionName: 'why403-U0ONCALL',
        SourceIdentity: 'U0ONCALL',
      }),
    ]);
    expect(signedBy).toContain('Credential=ASIAFLUSHFORONCALL01/');
    expect(calls.find((c) => c.method === 'chat.postMessage')?.body.text).toMatch(
      /^:broom: <@U0ONCALL> flushed/,
    );
    expect(logs.filter((line) => line.audit === 'authorizer-cache-flush')).toEqual([
      expect.objectContaining({
        msg: 'authorizer cache flushed',
        slackUser: 'U0ONCALL',
        channel: 'C0CHAN',
        restApiId: 'a1b2c3d4e5',
        stage: 'prod',
        region: 'eu-west-1',
      }),
    ]);
  });
});
