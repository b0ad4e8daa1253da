import type { SlackConfig } from '../../src/config/app-config';
import { CAUSES, type CauseId } from '../../src/evidence/types';
import { Access, FLUSH_HELPS, type AccessAction, type AccessDecision } from '../../src/slack/access';
import { slackConfig } from '../support/slack';

const ORDERS = 'a1b2c3d4e5';
const REPORTS = 'b2c3d4e5f6';

/** Users and channels of every kind the rules distinguish. */
const CONFIG = slackConfig({
  users: {
    default: { apis: 'all', flush: false },
    U0ADMIN: { apis: 'all', flush: true },
    U0ORDERS: { apis: [ORDERS], flush: true },
    U0BANNED: { apis: [], flush: false },
  },
  channels: {
    default: { apis: 'all', flush: false },
    dm: { apis: [ORDERS], flush: false },
    C0OPS: { apis: 'all', flush: true },
    C0REPORTS: { apis: [REPORTS], flush: true },
    C0MUTED: { apis: [], flush: false },
  },
});

type Expect = true | { reason: string; setting: string } | { apis: string[] };

function outcome(decision: AccessDecision): Expect {
  if (!decision.allowed) return { reason: decision.reason.id, setting: decision.setting };
  return decision.apis ? { apis: decision.apis } : true;
}

const refused = (reason: string, setting = reason.includes('user') ? 'slack.users' : 'slack.channels') => ({
  reason: `slack.refuse.${reason}`,
  setting,
});

describe('Access.authorize', () => {
  it.each<[string, string | undefined, string | undefined, string | undefined, AccessAction, Expect]>([
    // Reading: the person's rule and the place's rule must both show the API.
    ['anyone, anywhere open, any API', 'U0SOMEONE', 'C0ELSEWHERE', ORDERS, 'diagnose', true],
    ['a user limited to orders, on orders', 'U0ORDERS', 'C0OPS', ORDERS, 'diagnose', true],
    ['a user limited to orders, on reports', 'U0ORDERS', 'C0OPS', REPORTS, 'scan', refused('user-api')],
    [
      'a channel limited to reports, on orders',
      'U0ADMIN',
      'C0REPORTS',
      ORDERS,
      'diagnose',
      refused('channel-api'),
    ],
    ['a channel limited to reports, on reports', 'U0SOMEONE', 'C0REPORTS', REPORTS, 'trace', true],
    ['a banned user', 'U0BANNED', 'C0OPS', ORDERS, 'diagnose', refused('user')],
    ['a muted channel', 'U0ADMIN', 'C0MUTED', ORDERS, 'diagnose', refused('channel')],
    ['a DM on an API it shows', 'U0SOMEONE', 'D0DM', ORDERS, 'details', true],
    ['a DM on an API it does not show', 'U0ADMIN', 'D0DM', REPORTS, 'recheck', refused('dm-api')],
    // A search without an API is limited to the APIs both rules show.
    ['no API: everything open', 'U0SOMEONE', 'C0ELSEWHERE', undefined, 'diagnose', true],
    ['no API: the user’s APIs', 'U0ORDERS', 'C0OPS', undefined, 'diagnose', { apis: [ORDERS] }],
    ['no API: the channel’s APIs', 'U0ADMIN', 'C0REPORTS', undefined, 'diagnose', { apis: [REPORTS] }],
    ['no API: a DM’s APIs', 'U0ADMIN', 'D0DM', undefined, 'diagnose', { apis: [ORDERS] }],
    [
      'no API: none in common',
      'U0ORDERS',
      'C0REPORTS',
      undefined,
      'diagnose',
      refused('no-common-api-channel'),
    ],
    // Writing: both the person and the place must allow it, for an API both show.
    ['a flush user in a flush channel', 'U0ADMIN', 'C0OPS', ORDERS, 'flush', true],
    ['a flush user elsewhere', 'U0ADMIN', 'C0ELSEWHERE', ORDERS, 'flush', refused('flush-channel')],
    ['a flush user in a DM', 'U0ADMIN', 'D0DM', ORDERS, 'flush', refused('flush-dm')],
    ['anyone else in a flush channel', 'U0SOMEONE', 'C0OPS', ORDERS, 'flush', refused('flush-user')],
    [
      'a flush user on an API the channel does not show',
      'U0ORDERS',
      'C0REPORTS',
      ORDERS,
      'flush',
      refused('channel-api'),
    ],
    ['a flush user on an API they may not see', 'U0ORDERS', 'C0OPS', REPORTS, 'flush', refused('user-api')],
    ['a flush without an API', 'U0ADMIN', 'C0OPS', undefined, 'flush', refused('no-api')],
    // An alarm post has no person: reads are the channel's to decide, writes are never allowed.
    ['an alarm, on an API the channel shows', undefined, 'C0REPORTS', REPORTS, 'scan', true],
    [
      'an alarm, on an API the channel does not show',
      undefined,
      'C0REPORTS',
      ORDERS,
      'scan',
      refused('channel-api'),
    ],
    ['an alarm cannot flush', undefined, 'C0OPS', ORDERS, 'flush', refused('flush-user')],
  ])('%s', (_name, user, channel, api, action, expected) => {
    expect(outcome(new Access(CONFIG).authorize({ user, channel, api, action }))).toEqual(expected);
  });

  it.each<[string, SlackConfig | undefined, Expect]>([
    ['no slack section: everyone reads everything', undefined, true],
    ['an empty slack section: the same', slackConfig(), true],
    [
      'users listed without a default: the others keep reading',
      slackConfig({ users: { U0ADMIN: { apis: 'all', flush: true } } }),
      true,
    ],
    [
      'a default that shows nothing: unlisted users are refused',
      slackConfig({ users: { default: { apis: [], flush: false } } }),
      refused('user'),
    ],
    [
      'a DM rule falls back to the default channel rule',
      slackConfig({ channels: { default: { apis: [REPORTS], flush: false } } }),
      refused('dm-api'),
    ],
  ])('%s', (_name, config, expected) => {
    const decision = new Access(config).authorize({
      user: 'U0SOMEONE',
      channel: 'D0DM',
      api: ORDERS,
      action: 'scan',
    });
    expect(outcome(decision)).toEqual(expected);
  });

  it('never lets anyone flush when no rule says flush', () => {
    const access = new Access(slackConfig());
    expect(
      access.authorize({ user: 'U0ADMIN', channel: 'C0OPS', api: ORDERS, action: 'flush' }).allowed,
    ).toBe(false);
  });
});

describe('Access.offerFlush', () => {
  it('offers it exactly for the three authorizer causes a flush helps, where the channel allows flushing', () => {
    const access = new Access(CONFIG);
    expect(CAUSES.filter((cause) => access.offerFlush('C0OPS', ORDERS, cause))).toEqual(
      CAUSES.filter((cause) => FLUSH_HELPS.includes(cause)),
    );
  });

  it.each<[string, SlackConfig, string | undefined, string | undefined, boolean]>([
    ['a flush channel', CONFIG, 'C0OPS', ORDERS, true],
    ['a channel that does not allow flushing', CONFIG, 'C0ELSEWHERE', ORDERS, false],
    ['a flush channel, on an API it does not show', CONFIG, 'C0REPORTS', ORDERS, false],
    ['a flush channel, on an API it shows', CONFIG, 'C0REPORTS', REPORTS, true],
    ['a DM', CONFIG, 'D0DM', ORDERS, false],
    ['no channel', CONFIG, undefined, ORDERS, false],
    ['an unknown API', CONFIG, 'C0OPS', undefined, false],
    [
      'a flush channel where no user may flush',
      slackConfig({ channels: { C0OPS: { apis: 'all', flush: true } } }),
      'C0OPS',
      ORDERS,
      false,
    ],
  ])('%s', (_name, config, channel, api, expected) => {
    const cause: CauseId = 'authorizer-cached-policy-mismatch';
    expect(new Access(config).offerFlush(channel, api, cause)).toBe(expected);
  });
});

describe('Access.isAlertSource', () => {
  const access = new Access(
    slackConfig({ alertChannels: ['C0ALERTS'], alertBots: ['B0CHATBOT', 'A0PAGER'] }),
  );

  it.each<[string, string | undefined, string | undefined, string | undefined, boolean]>([
    ['a listed bot_id in an alert channel', 'C0ALERTS', 'B0CHATBOT', undefined, true],
    ['a listed app_id in an alert channel', 'C0ALERTS', 'B0OTHER', 'A0PAGER', true],
    ['an unlisted bot in an alert channel', 'C0ALERTS', 'B0OTHER', 'A0OTHER', false],
    ['a message without bot_id or app_id (a person)', 'C0ALERTS', undefined, undefined, false],
    ['a listed bot in another channel', 'C0CHAT', 'B0CHATBOT', 'A0PAGER', false],
    ['a listed bot without a channel', undefined, 'B0CHATBOT', undefined, false],
    ['the channel id given as a bot id', 'C0ALERTS', 'C0ALERTS', undefined, false],
  ])('%s', (_name, channel, botId, appId, expected) => {
    expect(access.isAlertSource(channel, botId, appId)).toBe(expected);
  });

  it('no slack section: nothing is an alert source', () => {
    expect(new Access(undefined).isAlertSource('C0ALERTS', 'B0CHATBOT', undefined)).toBe(false);
  });
});
