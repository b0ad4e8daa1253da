import { Access } from '../../src/slack/access';
import { english } from '../../src/render/localize';
import { parseAppConfig } from '../../src/config/app-config';
import { slackConfig } from '../support/slack';

/** Verify fix is a write: the person's rule and the channel's rule must both allow `replay`, as for a flush. */

const access = new Access(
  slackConfig({
    users: {
      U0RUNNER: { apis: 'all', flush: false, replay: true },
      U0FLUSHER: { apis: 'all', flush: true },
      U0NARROW: { apis: ['a1b2c3d4e5'], flush: false, replay: true },
      default: { apis: 'all', flush: false },
    },
    channels: {
      C0OPEN: { apis: 'all', flush: true, replay: true },
      C0FLUSH: { apis: 'all', flush: true },
      dm: { apis: 'all', flush: false, replay: true },
      default: { apis: 'all', flush: false },
    },
  }),
);

describe('Access: replay', () => {
  it.each<[string, string | undefined, string, string | undefined, true | string]>([
    ['may, in a channel that allows it', 'U0RUNNER', 'C0OPEN', 'a1b2c3d4e5', true],
    ['may, in a direct message when dm allows it', 'U0RUNNER', 'D0DIRECT', 'a1b2c3d4e5', true],
    [
      'flush rights are not replay rights',
      'U0FLUSHER',
      'C0OPEN',
      'a1b2c3d4e5',
      'You may not run authorizers (Verify fix).',
    ],
    ['someone not listed', 'U0OTHER', 'C0OPEN', 'a1b2c3d4e5', 'You may not run authorizers (Verify fix).'],
    [
      'an alarm post (no person)',
      undefined,
      'C0OPEN',
      'a1b2c3d4e5',
      'You may not run authorizers (Verify fix).',
    ],
    [
      'a channel that allows flushing only',
      'U0RUNNER',
      'C0FLUSH',
      'a1b2c3d4e5',
      'Authorizers may not be run (Verify fix) from this channel.',
    ],
    ['an API the person may not see', 'U0NARROW', 'C0OPEN', 'f6e5d4c3b2', 'You may not see API f6e5d4c3b2.'],
    ['no API named', 'U0RUNNER', 'C0OPEN', undefined, 'Verify fix needs to know which API it is for.'],
  ])('%s', (_name, user, channel, api, expected) => {
    const decision = access.authorize({ user, channel, api, action: 'replay' });
    if (expected === true) expect(decision).toEqual({ allowed: true });
    else expect(decision.allowed ? 'allowed' : english.t(decision.reason)).toBe(expected);
  });

  it('a flush still needs flush rights, not replay rights', () => {
    const decision = access.authorize({
      user: 'U0RUNNER',
      channel: 'C0OPEN',
      api: 'a1b2c3d4e5',
      action: 'flush',
    });
    expect(decision.allowed).toBe(false);
  });

  it.each<[string, string, string, boolean, boolean]>([
    [
      'an authorizer cause where replays are allowed',
      'C0OPEN',
      'authorizer-cached-policy-mismatch',
      true,
      true,
    ],
    ['an authorizer crash', 'C0OPEN', 'authorizer-function-error', true, true],
    ['a resource-policy cause', 'C0OPEN', 'resource-policy-explicit-deny', false, true],
    ['a channel without replays', 'C0FLUSH', 'authorizer-explicit-deny', false, false],
  ])('offers Verify fix / Re-check after deploy for %s', (_name, channel, cause, verify, afterDeploy) => {
    expect(access.offerReplay(channel, 'a1b2c3d4e5', cause as never)).toBe(verify);
    expect(access.offerAfterDeploy(channel, 'a1b2c3d4e5')).toBe(afterDeploy);
  });

  it('nobody may replay unless someone is allowed to', () => {
    const none = new Access(
      slackConfig({ channels: { C0OPEN: { apis: 'all', flush: false, replay: true } } }),
    );
    expect(none.offerReplay('C0OPEN', 'a1b2c3d4e5', 'authorizer-explicit-deny')).toBe(false);
  });

  it('reads `replay` from the configuration file, and an old file without it as no replay', () => {
    const config = parseAppConfig(
      'slack:\n  users:\n    U0RUNNER: { apis: all, replay: true }\n    U0OLDER: { apis: all, flush: true }\n',
      'why403.config.yml',
    );
    expect(config.slack?.users.U0RUNNER).toEqual({ apis: 'all', flush: false, replay: true });
    expect(config.slack?.users.U0OLDER.replay).toBeUndefined();
    expect(() => parseAppConfig('slack:\n  users:\n    U0RUNNER: { replay: yes-please }\n', 'f.yml')).toThrow(
      /slack\.users\.U0RUNNER\.replay/,
    );
  });
});
