import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMMAND } from '../../src/slack/listeners/command';

/** The manifest must stay installable as is, and match what the code listens to. */
describe('manifest.yml', () => {
  const manifest = parse(readFileSync(join(__dirname, '..', '..', 'manifest.yml'), 'utf8'));

  it('stays within Slack’s limits', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(manifest.features.slash_commands[0].command.length).toBeLessThanOrEqual(32);
  });

  it('declares the command, events and interactivity the bot handles, at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([COMMAND]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.channels']),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const url of [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]) {
      expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
  });

  it('asks for the scopes those features need and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'users:read',
    ]);
  });
});
