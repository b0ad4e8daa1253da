import * as slackApp from '../../src/slack/app';
import * as cliService from '../../src/cli/service';
import { why403 } from '../support/cli';

const BOT_MISSING = 'SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from OAuth & Permissions)';
const BOT_PREFIX = 'SLACK_BOT_TOKEN does not start with xoxb- (use the bot token, not a user or app token)';
const APP_PREFIX = 'SLACK_APP_TOKEN does not start with xapp- (an app-level token with connections:write)';
const SECRET_MISSING =
  'SLACK_SIGNING_SECRET is not set (Basic Information → Signing Secret), which HTTP mode needs: set it, or SLACK_APP_TOKEN for Socket Mode';
const HINT = 'see "Running the Slack bot" in the README';

function oneLine(problems: string[]): string {
  return `why403: the Slack settings have ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')} — ${HINT}\n`;
}

describe('CLI: why403 serve with bad Slack settings', () => {
  let createBot: jest.SpyInstance;
  let service: jest.SpyInstance;
  beforeEach(() => {
    // Were either reached, the bot would start; make that a visible failure instead of a hang.
    createBot = jest.spyOn(slackApp, 'createSlackBot').mockImplementation(() => {
      throw new Error('the bot was created');
    });
    service = jest.spyOn(cliService, 'serviceFor').mockImplementation(() => {
      throw new Error('the service was built');
    });
  });
  afterEach(() => {
    createBot.mockRestore();
    service.mockRestore();
  });

  it.each<[string, string[], NodeJS.ProcessEnv, string[]]>([
    ['no Slack variables at all', ['serve'], {}, [BOT_MISSING, SECRET_MISSING]],
    [
      'unrelated variables only',
      ['serve'],
      { AWS_REGION: 'eu-west-1', PORT: '8080' },
      [BOT_MISSING, SECRET_MISSING],
    ],
    ['a bot token but no signing secret', ['serve'], { SLACK_BOT_TOKEN: 'xoxb-1-2-3' }, [SECRET_MISSING]],
    ['a signing secret but no bot token', ['serve'], { SLACK_SIGNING_SECRET: 's3cr3t' }, [BOT_MISSING]],
    [
      'every kind of problem',
      ['serve'],
      { SLACK_BOT_TOKEN: 'xoxp-1', SLACK_APP_TOKEN: 'abc', PORT: 'eighty', SLACK_API_URL: 'nowhere' },
      [
        BOT_PREFIX,
        APP_PREFIX,
        'PORT "eighty" is not a port number',
        'SLACK_API_URL "nowhere" is not a URL (e.g. https://slack-gov.com/api/)',
      ],
    ],
    [
      'a configuration file that does not exist (the settings are checked first)',
      ['serve', '--config', 'does-not-exist.yml'],
      {},
      [BOT_MISSING, SECRET_MISSING],
    ],
    ['debug output asked for', ['serve'], { WHY403_DEBUG: '1' }, [BOT_MISSING, SECRET_MISSING]],
  ])('%s: exits 2 with one line listing every problem', async (_name, args, env, problems) => {
    const run = await why403(args, { env });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(oneLine(problems));
    expect(createBot).not.toHaveBeenCalled();
    expect(service).not.toHaveBeenCalled();
  });
});
