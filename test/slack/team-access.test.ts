import nock from 'nock';
import { parseAppConfig } from '../../src/config/app-config';
import { english, localizer } from '../../src/render/localize';
import { msg } from '../../src/text';
import { SCENARIOS } from '../../src/sandbox/world';
import { startSandbox, type Sandbox } from '../../src/sandbox/run';
import type { SlackBot } from '../../src/slack/app';
import {
  FORM,
  blockAction,
  eventCallback,
  post,
  recordingLog,
  responseUrls,
  slackApi,
  slackConfig,
  slashCommand,
  startBot,
  startTestBot,
  type LogLine,
  type TestBot,
  type WebApiCall,
  JSON_TYPE,
} from '../support/slack';

/**
 * Which workspace a person belongs to, over signed HTTP to the real Bolt app: in a Slack Connect channel, people
 * of another company's workspace are refused (one private line, an audit line, nothing run) unless the
 * configuration names their workspace or Enterprise Grid organization. The bot's own workspace is T0TEAM.
 */

const API = 'a1b2c3d4e5';
const { requestId: CACHED } = SCENARIOS.cached;
const LOOKING = `Looking for request ${CACHED}…`;
const REFUSED = english.t(msg('slack.refuse.workspace'));
const REF = JSON.stringify({ requestId: CACHED, restApiId: API, stage: 'prod' });

const CONFIG = slackConfig({
  contact: 'C0PLATFORM',
  teams: ['T0PARTNER'],
  enterprises: ['E0OURORG'],
  users: { default: { apis: 'all', flush: true, replay: true } },
  channels: {
    default: { apis: 'all', flush: true, replay: true },
    C0TAIWAN: { apis: 'all', flush: true, language: 'zh-TW' },
  },
});

let serial = 0;
const unique = () => `${Date.now()}${++serial}`;

/** A slash command typed by someone of `team` (and, on Enterprise Grid, `enterprise`); undefined leaves it out. */
function command(team: string | undefined, extra: Record<string, string> = {}): string {
  const form = new URLSearchParams(slashCommand(CACHED, { trigger_id: unique(), ...extra }));
  if (team === undefined) form.delete('team_id');
  else form.set('team_id', team);
  return form.toString();
}

/** An @-mention written by someone of `userTeam`, in a channel owned by `envelope`'s workspace. */
function mention(
  userTeam: string | undefined,
  envelope: Record<string, unknown> = {},
  channel = 'C0SHARED',
): string {
  const ts = `1700003000.${unique()}`;
  const body = JSON.parse(
    eventCallback({
      type: 'app_mention',
      user: 'U0GUEST',
      channel,
      ts,
      text: `<@U0BOT1234> ${CACHED}`,
      user_team: userTeam,
    }),
  );
  return JSON.stringify({ ...body, ...envelope });
}

/** A button pressed by someone whose `user.team_id` is `team`, from workspace `from` (Slack's `team`). */
function press(actionId: string, team: string | undefined, from = team, value = REF): string {
  return blockAction(
    { action_id: actionId, value, action_ts: `1700000001.${unique()}` },
    {
      trigger_id: unique(),
      user: { id: 'U0GUEST', username: 'guest', ...(team ? { team_id: team } : {}) },
      team: from ? { id: from, domain: 'x' } : null,
    },
  );
}

function viewSubmission(team: string): string {
  const payload = {
    type: 'view_submission',
    team: { id: team, domain: 'x' },
    user: { id: 'U0GUEST', name: 'guest', team_id: team },
    api_app_id: 'A0APP',
    trigger_id: unique(),
    view: {
      id: `V${unique()}`,
      hash: 'h1',
      callback_id: 'why403_recheck_after_deploy_modal',
      private_metadata: JSON.stringify({
        ref: { requestId: CACHED, restApiId: API, stage: 'prod' },
        origin: { channel: 'C0CHAN', messageTs: '1700000000.000100' },
      }),
      state: { values: { why403_new_request: { value: { type: 'plain_text_input', value: CACHED } } } },
    },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const audits = (logs: LogLine[]) => logs.filter((line) => line.audit);
const methods = (calls: WebApiCall[]) => calls.map((c) => c.method);
const ackText = (response: { text: string }) => (response.text ? JSON.parse(response.text).text : '');
/** The diagnoses started: the bot's first post of each. */
const started = (calls: WebApiCall[]) =>
  calls
    .filter((c) => c.method === 'chat.postMessage' && String(c.body.text).startsWith('Looking for request'))
    .map((c) => c.body.text);

describe('workspaces: the real Bolt app over signed HTTP', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(CONFIG);
  });
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  describe('a person of another workspace (Slack Connect) is refused and nothing runs', () => {
    it('/why403: one private line in the acknowledgement, an audit line, no job', async () => {
      const calls = slackApi();
      const response = await post(t.url, command('T0STRANGER'), FORM);
      await t.bot.idle();
      const ack = JSON.parse(response.text);
      expect(ack.response_type).toBe('ephemeral');
      expect(ack.text).toBe(
        `${REFUSED} — Ask <#C0PLATFORM> to allow it under \`slack.teams\` in the why403 configuration.`,
      );
      expect({ slack: methods(calls), aws: t.sandbox.fake.calls.length }).toEqual({ slack: [], aws: 0 });
      expect(audits(t.logs)).toEqual([
        expect.objectContaining({
          audit: 'slack-workspace',
          outcome: 'refused',
          team: 'T0STRANGER',
          slackUser: 'U0ONCALL',
          channel: 'C0CHAN',
        }),
      ]);
    });

    it('the refusal is in the channel’s language: Traditional Chinese', async () => {
      slackApi();
      const response = await post(t.url, command('T0STRANGER', { channel_id: 'C0TAIWAN' }), FORM);
      expect(ackText(response)).toContain(localizer('zh-TW').t(msg('slack.refuse.workspace')));
      expect(ackText(response)).toContain('你所在的 Slack 工作空間沒有啟用 why403');
    });

    it('@why403: one ephemeral line for the writer, no answer in the channel, no AWS call', async () => {
      const calls = slackApi();
      await post(t.url, mention('T0STRANGER'), JSON_TYPE);
      await t.bot.idle();
      expect(t.sandbox.fake.calls).toHaveLength(0);
      expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
      expect(calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.body)).toEqual([
        expect.objectContaining({
          user: 'U0GUEST',
          channel: 'C0SHARED',
          text: expect.stringContaining(REFUSED),
        }),
      ]);
      expect(audits(t.logs)).toEqual([
        expect.objectContaining({ audit: 'slack-workspace', outcome: 'refused', team: 'T0STRANGER' }),
      ]);
    });

    it('a mention in a channel our workspace owns is decided by the writer’s team, not the envelope’s', async () => {
      const calls = slackApi();
      await post(t.url, mention('T0STRANGER', { team_id: 'T0TEAM', enterprise_id: 'E0OURORG' }), JSON_TYPE);
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
      expect(t.sandbox.fake.calls).toHaveLength(0);
    });

    it.each([
      ['Flush authorizer cache', 'why403_flush_cache', 'authorizer-cache-flush'],
      ['Re-check', 'why403_recheck', 'slack-workspace'],
      ['Show full trace', 'why403_show_trace', 'slack-workspace'],
    ])('%s: one private line, nothing read or written, an audit line', async (_name, actionId, audit) => {
      const calls = slackApi();
      const posts = responseUrls();
      await post(t.url, press(actionId, 'T0STRANGER', 'T0TEAM'), FORM);
      await t.bot.idle();
      expect(posts.map((p) => [p.body.response_type, p.body.text])).toEqual([
        ['ephemeral', expect.stringContaining(REFUSED)],
      ]);
      expect({ slack: methods(calls).filter((m) => m !== 'users.info'), aws: t.sandbox.fake.calls }).toEqual({
        slack: [],
        aws: [],
      });
      expect(audits(t.logs)).toEqual([
        expect.objectContaining({ audit, outcome: 'refused', team: 'T0STRANGER', slackUser: 'U0GUEST' }),
      ]);
    });

    it('Verify fix: refused before its modal opens', async () => {
      const calls = slackApi();
      const posts = responseUrls();
      await post(t.url, press('why403_verify_fix', 'T0STRANGER'), FORM);
      await t.bot.idle();
      expect(methods(calls)).not.toContain('views.open');
      expect(posts.map((p) => p.body.text)).toEqual([expect.stringContaining(REFUSED)]);
      expect(audits(t.logs)).toEqual([
        expect.objectContaining({ audit: 'authorizer-test-invoke', outcome: 'refused', team: 'T0STRANGER' }),
      ]);
    });

    it('Re-check after deploy, submitted: nothing diagnosed', async () => {
      const calls = slackApi();
      await post(t.url, viewSubmission('T0STRANGER'), FORM);
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.update')).toEqual([]);
      expect(t.sandbox.fake.calls).toHaveLength(0);
      expect(calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.body.text)).toEqual([
        expect.stringContaining(REFUSED),
      ]);
    });
  });

  describe('who is let in, each beside one who is not', () => {
    it.each<[string, string, string]>([
      ['the bot’s own workspace', 'T0TEAM', 'T0STRANGER'],
      ['a workspace under slack.teams', 'T0PARTNER', 'T0PARTNEX'],
    ])('/why403 from %s runs; from another it does not', async (_name, allowed, other) => {
      const calls = slackApi();
      const refused = await post(t.url, command(other), FORM);
      const answered = await post(t.url, command(allowed), FORM);
      await t.bot.idle();
      expect([ackText(refused), ackText(answered)]).toEqual([expect.stringContaining(REFUSED), '']);
      expect(started(calls)).toEqual([LOOKING]);
    });

    it.each([
      ['no workspace field at all, as in Slack’s own example of the event', {}, {}],
      ['the message’s team', { team: 'T0TEAM' }, { team_id: 'T0OWNER' }],
    ])(
      '@why403 in a channel that is not shared is decided by %s (Slack adds user_team only in shared ones)',
      async (_what, event, envelope) => {
        const calls = slackApi();
        const body = JSON.parse(mention(undefined, { is_ext_shared_channel: false, ...envelope }, 'C0OURS'));
        await post(t.url, JSON.stringify({ ...body, event: { ...body.event, ...event } }), JSON_TYPE);
        const stranger = JSON.parse(mention(undefined, { is_ext_shared_channel: false }, 'C0OURS2'));
        await post(
          t.url,
          JSON.stringify({ ...stranger, event: { ...stranger.event, team: 'T0STRANGER' } }),
          JSON_TYPE,
        );
        await t.bot.idle();
        expect(started(calls)).toEqual([LOOKING]);
      },
    );

    it('@why403 from a workspace under slack.teams is answered in its thread; a stranger’s is not', async () => {
      const calls = slackApi();
      await post(t.url, mention('T0STRANGER', {}, 'C0SHARED1'), JSON_TYPE);
      await post(t.url, mention('T0PARTNER', {}, 'C0SHARED2'), JSON_TYPE);
      await t.bot.idle();
      expect(started(calls)).toEqual([LOOKING]);
    });

    it('a button pressed by a partner runs; the same press by a stranger does not', async () => {
      responseUrls();
      const calls = slackApi();
      await post(t.url, press('why403_recheck', 'T0STRANGER', 'T0TEAM'), FORM);
      await post(t.url, press('why403_recheck', 'T0PARTNER', 'T0TEAM'), FORM);
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.update').map((c) => c.body.text)).toContain(LOOKING);
      expect(audits(t.logs).map((line) => line.team)).toEqual(['T0STRANGER']);
    });
  });

  describe('Enterprise Grid: slack.enterprises', () => {
    it('/why403 from a workspace of an allowed organization runs; of another organization it does not', async () => {
      const calls = slackApi();
      const other = await post(t.url, command('T0OTHERWS', { enterprise_id: 'E0THEIRORG' }), FORM);
      const ours = await post(t.url, command('T0OTHERWS', { enterprise_id: 'E0OURORG' }), FORM);
      await t.bot.idle();
      expect([ackText(other), ackText(ours)]).toEqual([expect.stringContaining(REFUSED), '']);
      expect(started(calls)).toEqual([LOOKING]);
      expect(audits(t.logs)).toEqual([
        expect.objectContaining({ audit: 'slack-workspace', team: 'T0OTHERWS', enterprise: 'E0THEIRORG' }),
      ]);
    });

    it('a button whose user.team_id is the organization’s id (as Grid reports it) runs; another org’s does not', async () => {
      responseUrls();
      const calls = slackApi();
      await post(t.url, press('why403_recheck', 'E0THEIRORG'), FORM);
      await post(t.url, press('why403_recheck', 'E0OURORG'), FORM);
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.update').map((c) => c.body.text)).toContain(LOOKING);
      expect(audits(t.logs).map((line) => line.enterprise)).toEqual(['E0THEIRORG']);
    });

    it('a button from a Grid workspace takes the organization of `team` only when it is the user’s team', async () => {
      responseUrls();
      const calls = slackApi();
      const ofOrg = (team: string, from: string) =>
        blockAction(
          { action_id: 'why403_recheck', value: REF, action_ts: `1700000001.${unique()}` },
          {
            trigger_id: unique(),
            user: { id: 'U0GUEST', username: 'guest', team_id: team },
            team: { id: from, domain: 'x', enterprise_id: 'E0OURORG' },
          },
        );
      await post(t.url, ofOrg('T0STRANGER', 'T0GRIDWS'), FORM);
      await post(t.url, ofOrg('T0GRIDWS', 'T0GRIDWS'), FORM);
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.update').map((c) => c.body.text)).toContain(LOOKING);
      expect(audits(t.logs).map((line) => line.team)).toEqual(['T0STRANGER']);
    });

    it('a mention takes the envelope’s organization only when the envelope’s team is the writer’s', async () => {
      const calls = slackApi();
      const grid = { team_id: 'T0GRIDWS', enterprise_id: 'E0OURORG' };
      await post(t.url, mention('T0STRANGER', grid, 'C0SHARED1'), JSON_TYPE);
      await post(t.url, mention('T0GRIDWS', grid, 'C0SHARED2'), JSON_TYPE);
      await t.bot.idle();
      expect(started(calls)).toEqual([LOOKING]);
    });
  });

  describe('a request that does not say the person’s workspace is refused (it cannot be told from a foreign one)', () => {
    it('a command without team_id', async () => {
      const calls = slackApi();
      const response = await post(t.url, command(undefined), FORM);
      await t.bot.idle();
      expect(ackText(response)).toContain(REFUSED);
      expect(methods(calls)).toEqual([]);
    });

    it('a mention without user_team in a channel the envelope marks as shared with another workspace', async () => {
      const calls = slackApi();
      await post(t.url, mention(undefined, { is_ext_shared_channel: true }), JSON_TYPE);
      await t.bot.idle();
      expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
      expect(t.sandbox.fake.calls).toHaveLength(0);
    });

    it('a button without user.team_id, even pressed in our workspace', async () => {
      const calls = slackApi();
      const posts = responseUrls();
      await post(t.url, press('why403_flush_cache', undefined, 'T0TEAM'), FORM);
      await t.bot.idle();
      expect(posts.map((p) => p.body.text)).toEqual([expect.stringContaining(REFUSED)]);
      expect(methods(calls).filter((m) => m !== 'users.info')).toEqual([]);
      expect(t.sandbox.fake.calls).toHaveLength(0);
    });
  });
});

describe('the bot’s own workspace, from auth.test', () => {
  let sandbox: Sandbox;
  let bot: SlackBot;
  let url: string;
  let logs: LogLine[];
  beforeEach(async () => {
    sandbox = await startSandbox({ config: { slack: slackConfig({ teams: ['T0PARTNER'] }) } });
    logs = [];
    // No workspace given: the bot asks Slack which one its token belongs to.
    ({ bot, url } = await startBot(sandbox.service, recordingLog(logs), {
      botId: 'B0BOT1234',
      botUserId: 'U0BOT1234',
      home: undefined,
    }));
  });
  afterEach(async () => {
    await bot.idle();
    await bot.stop();
    await bot.close();
    await sandbox.close();
    nock.cleanAll();
  });

  it('is asked once and kept: its people are answered, another workspace’s are not', async () => {
    const calls = slackApi({ 'auth.test': () => ({ team_id: 'T0HOME', user_id: 'U0BOT1234' }) });
    const ours = await post(url, command('T0HOME'), FORM);
    const theirs = await post(url, command('T0TEAM'), FORM);
    await bot.idle();
    expect([ackText(ours), ackText(theirs)]).toEqual(['', expect.stringContaining(REFUSED)]);
    expect(methods(calls).filter((m) => m === 'auth.test')).toEqual(['auth.test']);
  });

  it('an org-wide install lets in the people of its organization, and only those', async () => {
    slackApi({ 'auth.test': () => ({ enterprise_id: 'E0HOMEORG', is_enterprise_install: true }) });
    const ours = await post(url, command('T0ANYWS', { enterprise_id: 'E0HOMEORG' }), FORM);
    const theirs = await post(url, command('T0ANYWS', { enterprise_id: 'E0ELSEORG' }), FORM);
    expect([ackText(ours), ackText(theirs)]).toEqual(['', expect.stringContaining(REFUSED)]);
  });

  it('when Slack does not answer, only the configured workspaces are let in, and it is asked again', async () => {
    const calls = slackApi({
      'auth.test': (_body, n) => (n === 1 ? { ok: false, error: 'invalid_auth' } : { team_id: 'T0HOME' }),
    });
    const unknown = await post(url, command('T0HOME'), FORM);
    const partner = await post(url, command('T0PARTNER'), FORM);
    const later = await post(url, command('T0HOME'), FORM);
    await bot.idle();
    expect([ackText(unknown), ackText(partner), ackText(later)]).toEqual([
      expect.stringContaining(REFUSED),
      '',
      '',
    ]);
    expect(methods(calls).filter((m) => m === 'auth.test')).toHaveLength(2);
    expect(logs.some((line) => line.level === 'error' && /auth\.test/.test(line.msg))).toBe(true);
  });
});

describe('the configuration: slack.teams and slack.enterprises', () => {
  it('reads workspace and organization ids', () => {
    const config = parseAppConfig('slack:\n  teams: [T0PARTNER]\n  enterprises: [E0OURORG]\n', 'x.yml');
    expect(config.slack).toMatchObject({ teams: ['T0PARTNER'], enterprises: ['E0OURORG'] });
  });

  it.each([
    [
      'a channel id as a workspace',
      'teams: [C0123ABCD]',
      'slack.teams.0: is not a Slack workspace id (T0123ABCD)',
    ],
    [
      'a workspace id as an organization',
      'enterprises: [T0123ABCD]',
      'slack.enterprises.0: is not an Enterprise Grid organization id (E0123ABCD)',
    ],
  ])('refuses %s, saying what to write', (_name, line, problem) => {
    expect(() => parseAppConfig(`slack:\n  ${line}\n`, 'x.yml')).toThrow(
      expect.objectContaining({ message: expect.stringContaining(problem) }),
    );
  });
});
