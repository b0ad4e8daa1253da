import { InputError } from '../errors';
import { LOG_LEVELS } from '../log';
import { joinTexts, msg, type Message } from '../text';

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
  const problems: Message[] = [];
  const botToken = env.SLACK_BOT_TOKEN?.trim() ?? '';
  const appToken = env.SLACK_APP_TOKEN?.trim() || undefined;
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim() || undefined;
  const mode = appToken && !options.lambda ? 'socket' : 'http';
  if (!botToken) problems.push(msg('cli.slack-settings.bot-token.missing'));
  else if (!botToken.startsWith('xoxb-')) problems.push(msg('cli.slack-settings.bot-token.kind'));
  if (appToken && !appToken.startsWith('xapp-')) problems.push(msg('cli.slack-settings.app-token.kind'));
  if (mode === 'http' && !signingSecret) problems.push(msg('cli.slack-settings.signing-secret.missing'));
  const portText = env.PORT?.trim() ?? '';
  const port = portText === '' ? 3000 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(msg('cli.slack-settings.port.invalid', { value: env.PORT ?? '' }));
  const apiUrl = normaliseApiUrl(env.SLACK_API_URL, problems);
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl))
    problems.push(msg('cli.slack-settings.redis-url.invalid'));
  const logLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(
      msg('cli.slack-settings.log-level.invalid', {
        value: env.LOG_LEVEL ?? '',
        levels: LOG_LEVELS.join(', '),
      }),
    );
  if (problems.length > 0) {
    throw new InputError(
      msg('cli.slack-settings.problems', {
        count: problems.length,
        problems: joinTexts(problems, 'cli.join') as Message,
      }),
      msg('cli.slack-settings.hint'),
    );
  }
  return { botToken, signingSecret, appToken, apiUrl, port, mode, redisUrl, logLevel };
}

function normaliseApiUrl(value: string | undefined, problems: Message[]): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    problems.push(msg('cli.slack-settings.api-url.invalid', { value }));
    return undefined;
  }
}
