import type { SlackConfig } from '../../src/config/app-config';
import { CAUSES, type CauseId } from '../../src/evidence/types';
import { Permissions } from '../../src/slack/permissions';

function slack(config: Partial<SlackConfig> = {}): SlackConfig {
  return {
    alertChannels: [],
    alertBots: [],
    allowedUsers: [],
    channelApis: {},
    flushCache: { users: [], channels: [] },
    ...config,
  };
}

const FLUSH_HELPS: CauseId[] = [
  'authorizer-cached-policy-mismatch',
  'authorizer-explicit-deny',
  'authorizer-policy-not-covering-resource',
];

describe('Permissions', () => {
  describe('mayUse', () => {
    it.each<[string, SlackConfig | undefined, string | undefined, boolean]>([
      ['no slack section: anyone', undefined, 'U1', true],
      ['no slack section: even an unknown user', undefined, undefined, true],
      ['no allow-list: anyone', slack(), 'U1', true],
      ['no allow-list: even an unknown user', slack(), undefined, true],
      ['an allowed user', slack({ allowedUsers: ['U1', 'U2'] }), 'U2', true],
      ['another user', slack({ allowedUsers: ['U1', 'U2'] }), 'U3', false],
      ['an unknown user under an allow-list', slack({ allowedUsers: ['U1'] }), undefined, false],
      ['an empty user id under an allow-list', slack({ allowedUsers: ['U1'] }), '', false],
    ])('%s', (_name, config, user, expected) => {
      expect(new Permissions(config).mayUse(user)).toBe(expected);
    });
  });

  describe('apisFor', () => {
    const config = slack({ channelApis: { C1: ['abc123defg', 'zyx987wvut'], C2: [] } });

    it.each<[string, SlackConfig | undefined, string | undefined, string[] | undefined]>([
      ['a listed channel', config, 'C1', ['abc123defg', 'zyx987wvut']],
      ['a channel listed with no API', config, 'C2', []],
      ['a channel not listed', config, 'C3', undefined],
      ['no channel (a global shortcut)', config, undefined, undefined],
      ['no slack section', undefined, 'C1', undefined],
    ])('%s', (_name, cfg, channel, expected) => {
      expect(new Permissions(cfg).apisFor(channel)).toEqual(expected);
    });
  });

  describe('mayFlush', () => {
    const config = slack({ flushCache: { users: ['U1'], channels: ['C1'] } });

    it.each<[string, SlackConfig | undefined, string | undefined, string | undefined, boolean]>([
      ['a listed user anywhere', config, 'U1', 'C9', true],
      ['a listed user without a channel', config, 'U1', undefined, true],
      ['anyone in a listed channel', config, 'U9', 'C1', true],
      ['another user elsewhere', config, 'U9', 'C9', false],
      ['nobody nowhere', config, undefined, undefined, false],
      ['no flush configuration', slack(), 'U1', 'C1', false],
      ['no slack section', undefined, 'U1', 'C1', false],
      ['a user id that is a listed channel', config, 'C1', 'C9', false],
    ])('%s', (_name, cfg, user, channel, expected) => {
      expect(new Permissions(cfg).mayFlush(user, channel)).toBe(expected);
    });
  });

  describe('offerFlush', () => {
    it('lists exactly the three authorizer causes a flush helps', () => {
      const permissions = new Permissions(slack({ flushCache: { users: ['U1'], channels: [] } }));
      expect(CAUSES.filter((cause) => permissions.offerFlush('C9', cause))).toEqual(
        CAUSES.filter((cause) => FLUSH_HELPS.includes(cause)),
      );
    });

    it.each(CAUSES.filter((cause) => !FLUSH_HELPS.includes(cause)))(
      'never offers a flush for %s',
      (cause) => {
        const permissions = new Permissions(slack({ flushCache: { users: ['U1'], channels: ['C1'] } }));
        expect(permissions.offerFlush('C1', cause)).toBe(false);
      },
    );

    describe.each(FLUSH_HELPS)('for %s', (cause) => {
      it.each<[string, SlackConfig | undefined, string | undefined, boolean]>([
        [
          'where flush users exist, in any channel',
          slack({ flushCache: { users: ['U1'], channels: [] } }),
          'C9',
          true,
        ],
        [
          'where flush users exist, without a channel',
          slack({ flushCache: { users: ['U1'], channels: [] } }),
          undefined,
          true,
        ],
        ['in a flush channel', slack({ flushCache: { users: [], channels: ['C1'] } }), 'C1', true],
        [
          'in another channel when only channels may flush',
          slack({ flushCache: { users: [], channels: ['C1'] } }),
          'C2',
          false,
        ],
        [
          'without a channel when only channels may flush',
          slack({ flushCache: { users: [], channels: ['C1'] } }),
          undefined,
          false,
        ],
        ['when nobody may flush', slack(), 'C1', false],
        ['without a slack section', undefined, 'C1', false],
      ])('offers it %s: %s', (_name, config, channel, expected) => {
        expect(new Permissions(config).offerFlush(channel, cause)).toBe(expected);
      });
    });
  });

  describe('isAlertSource', () => {
    const config = slack({ alertChannels: ['C0ALERTS'], alertBots: ['B0CHATBOT', 'A0PAGER'] });

    it.each<
      [string, SlackConfig | undefined, string | undefined, string | undefined, string | undefined, boolean]
    >([
      ['a listed bot_id in an alert channel', config, 'C0ALERTS', 'B0CHATBOT', undefined, true],
      ['a listed app_id in an alert channel', config, 'C0ALERTS', 'B0OTHER', 'A0PAGER', true],
      ['a listed app_id without a bot_id', config, 'C0ALERTS', undefined, 'A0PAGER', true],
      ['a listed bot_id with another app_id', config, 'C0ALERTS', 'B0CHATBOT', 'A0OTHER', true],
      ['an unlisted bot in an alert channel', config, 'C0ALERTS', 'B0OTHER', 'A0OTHER', false],
      ['a message without bot_id or app_id (a person)', config, 'C0ALERTS', undefined, undefined, false],
      ['a listed bot in another channel', config, 'C0CHAT', 'B0CHATBOT', 'A0PAGER', false],
      ['a listed bot without a channel', config, undefined, 'B0CHATBOT', undefined, false],
      ['a listed app_id given as the bot_id', config, 'C0ALERTS', 'A0PAGER', undefined, true],
      ['no alert configuration', slack(), 'C0ALERTS', 'B0CHATBOT', undefined, false],
      ['no slack section', undefined, 'C0ALERTS', 'B0CHATBOT', undefined, false],
      ['the channel id given as a bot id', config, 'C0ALERTS', 'C0ALERTS', undefined, false],
    ])('%s', (_name, cfg, channel, botId, appId, expected) => {
      expect(new Permissions(cfg).isAlertSource(channel, botId, appId)).toBe(expected);
    });
  });
});
