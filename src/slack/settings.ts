import { InputError } from '../errors';
import { LOG_LEVELS } from '../log';
import { msg } from '../text';

/**
 * The bot's settings from the environment, validated at start: every problem is reported at once, one line each.
 * Socket Mode when SLACK_APP_TOKEN is set; otherwise HTTP on $PORT.
 */
export interface SlackSettings {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** Web API base URL (GovSlack, tests); Slack's default when unset. */
  apiUrl?: string;
  port: number;
  mode: 'socket' | 'http';
  /** Shared state for several replicas (REDIS_URL); per-replica memory when unset. */
  redisUrl?: string;
  /** LOG_LEVEL: fatal, error, warn, info (the default), debug, trace or silent. */
  logLevel: string;
}

export function readSlackSettings(env: NodeJS.ProcessEnv, options: { lambda?: boolean } = {}): SlackSettings {
  const problems: string[] = [];
  const botToken = env.SLACK_BOT_TOKEN?.trim() ?? '';
  const appToken = env.SLACK_APP_TOKEN?.trim() || undefined;
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim() || undefined;
  const mode = appToken && !options.lambda ? 'socket' : 'http';
  if (!botToken)
    problems.push('SLACK_BOT_TOKEN is not set (the bot token, xoxb-…, from OAuth & Permissions)');
  else if (!botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN does not start with xoxb- (use the bot token, not a user or app token)');
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN does not start with xapp- (an app-level token with connections:write)');
  if (mode === 'http' && !signingSecret)
    problems.push(
      'SLACK_SIGNING_SECRET is not set (Basic Information → Signing Secret), which HTTP mode needs: set it, or SLACK_APP_TOKEN for Socket Mode',
    );
  const portText = env.PORT?.trim() ?? '';
  const port = portText === '' ? 3000 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT "${env.PORT}" is not a port number`);
  const apiUrl = normaliseApiUrl(env.SLACK_API_URL, problems);
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl))
    problems.push('REDIS_URL is not a redis:// or rediss:// URL (e.g. redis://redis.internal:6379/0)');
  const logLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`LOG_LEVEL "${env.LOG_LEVEL}" is not one of ${LOG_LEVELS.join(', ')}`);
  if (problems.length > 0) {
    throw new InputError(
      msg('cli.slack-settings.problems', { count: problems.length, problems: problems.join('; ') }),
      msg('cli.slack-settings.hint'),
    );
  }
  return { botToken, signingSecret, appToken, apiUrl, port, mode, redisUrl, logLevel };
}

function normaliseApiUrl(value: string | undefined, problems: string[]): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    problems.push(`SLACK_API_URL "${value}" is not a URL (e.g. https://slack-gov.com/api/)`);
    return undefined;
  }
}
