import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors';
import { joinTexts, msg, type Text } from '../text';
import { issueText } from './issue-text';
import { isRoleArn, validateRegion, validateRestApiId, validateStage } from './ids';
import { parseDuration } from './duration';
import { english, localeOf } from '../render/localize';
import type { Locale } from '../render/messages';

/**
 * The configuration file (YAML or JSON): which APIs to search, in which region and account (with the role to
 * assume), caching, and the Slack bot's channels and permissions. Validated at start with one message per
 * problem. Its location: --config, else $WHY403_CONFIG, else ./why403.config.yml when present.
 */

/** A string checked, and normalised, by one of the id validators (an invoke URL becomes its API id). */
const checked = (validate: (value: string) => string) =>
  z.string().transform((value, ctx) => {
    try {
      return validate(value);
    } catch (error) {
      const text = error instanceof InputError ? error.problem : (error as Error).message;
      ctx.addIssue({ code: 'custom', message: (error as Error).message, params: { text } });
      return z.NEVER;
    }
  });

const RoleArn = z.string().refine(isRoleArn, {
  message: 'is not an IAM role ARN (arn:aws:iam::123456789012:role/name)',
  params: { text: msg('config.role-arn.invalid') },
});
const Duration = checked((value) => (parseDuration(value), value));
/** A language the product speaks, from a tag such as zh-TW, zh_TW.UTF-8 or en. */
const Language = z.string().transform((tag, ctx): Locale => {
  const locale = localeOf(tag);
  if (locale) return locale;
  ctx.addIssue({
    code: 'custom',
    message: `"${tag}" is not a language why403 speaks (en, zh-TW)`,
    params: { text: msg('config.language.invalid', { tag }) },
  });
  return z.NEVER;
});

const SlackId = z.string().refine((value) => /^[A-Z0-9]{6,}$/.test(value), {
  message: 'is not a Slack id (e.g. C0123ABCD, U0123ABCD, B0123ABCD)',
  params: { text: msg('config.slack-id.invalid') },
});

const AccountSchema = z.strictObject({
  roleArn: RoleArn.optional(),
  externalId: z.string().min(2).max(1224).optional(),
  region: checked(validateRegion).optional(),
});

const ApiSchema = z.strictObject({
  id: checked(validateRestApiId),
  name: z.string().optional(),
  region: checked(validateRegion).optional(),
  /** Name of an entry under `accounts`. */
  account: z.string().optional(),
  roleArn: RoleArn.optional(),
  externalId: z.string().optional(),
  stages: z.array(checked(validateStage)).optional(),
});

/** Which APIs a rule lets someone see: every API (`all`), none (`none`), or the ones listed. */
const ApiScope = z
  .union([z.literal('all'), z.literal('none'), z.array(checked(validateRestApiId))])
  .transform((scope): 'all' | string[] => (scope === 'none' ? [] : scope));

const AccessRule = z.strictObject({
  apis: ApiScope.default('all'),
  /** May flush an authorizer cache (a write: the user's rule and the channel's rule must both allow it). */
  flush: z.boolean().default(false),
  /**
   * May run Verify fix: an authorizer's Lambda run once through TestInvokeAuthorizer with a token the person gives
   * (a write-class action: both rules must allow it). Optional, so rules written before it read as `false`.
   */
  replay: z.boolean().optional(),
});

const ChannelRule = AccessRule.extend({
  /** The language of answers here when Slack gives no supported locale for the person who asked. */
  language: Language.optional(),
});

const TeamId = z.string().refine((value) => /^T[A-Z0-9]{5,}$/.test(value), {
  message: 'is not a Slack workspace id (T0123ABCD)',
  params: { text: msg('config.team-id.invalid') },
});
const EnterpriseId = z.string().refine((value) => /^E[A-Z0-9]{5,}$/.test(value), {
  message: 'is not an Enterprise Grid organization id (E0123ABCD)',
  params: { text: msg('config.enterprise-id.invalid') },
});

const UserKey = z.string().refine((key) => /^(?:default|[UW][A-Z0-9]{5,})$/.test(key), {
  message: 'is not a Slack user id (U0123ABCD) or "default"',
  params: { text: msg('config.user-key.invalid') },
});
const ChannelKey = z.string().refine((key) => /^(?:default|dm|[CGD][A-Z0-9]{5,})$/.test(key), {
  message: 'is not a Slack channel id (C0123ABCD), "dm" or "default"',
  params: { text: msg('config.channel-key.invalid') },
});

/** Keys of earlier versions, refused with what to write instead: their meaning changed. */
const REPLACED_SLACK_KEYS = {
  allowedUsers: 'config.replaced.allowed-users',
  channelApis: 'config.replaced.channel-apis',
  flushCache: 'config.replaced.flush-cache',
} as const;

const SlackSchema = z
  .strictObject({
    /** Channels where alert messages from `alertBots` trigger a scan. */
    alertChannels: z.array(SlackId).default([]),
    /** bot_id or app_id values of the alerting integrations (AWS Chatbot / Q, SNS-to-Slack glue, PagerDuty…). */
    alertBots: z.array(SlackId).default([]),
    /** Whom refusals tell people to ask: a user id, a channel id, or a few words. */
    contact: z.string().trim().min(1).max(200).optional(),
    /** The workspace's language when neither the person's Slack locale nor the channel says. */
    language: Language.optional(),
    /** A second request for the same request id in a channel within this window links to the first answer. */
    repeatWindow: Duration.default('15m'),
    /** Diagnoses and scans one replica runs at once; the others wait their turn. */
    maxJobs: z.number().int().min(1).max(1000).default(4),
    /**
     * Jobs one person may have under way at once, across replicas (a diagnosis, a scan, a button's work): more are
     * refused with one line asking them to wait for an answer. Alarms are not counted.
     */
    maxJobsPerPerson: z.number().int().min(1).max(1000).default(3),
    /**
     * Workspaces besides the bot's own whose people may use it (a partner's, in a Slack Connect channel): they then
     * fall under `users` as anyone else does. The bot's own workspace (auth.test) needs no entry; any other is
     * refused.
     */
    teams: z.array(TeamId).optional(),
    /** Enterprise Grid organizations whose people, of any of their workspaces, may use the bot. */
    enterprises: z.array(EnterpriseId).optional(),
    /** Per user: the APIs they may see and whether they may flush; `default` for everyone not listed. */
    users: z.record(UserKey, AccessRule).default({}),
    /** Per channel: the APIs shown there, whether flushing is allowed there, its language; `dm`, `default`. */
    channels: z.record(ChannelKey, ChannelRule).default({}),
    allowedUsers: z.unknown().optional(),
    channelApis: z.unknown().optional(),
    flushCache: z.unknown().optional(),
  })
  .superRefine((slack, ctx) => {
    for (const [key, id] of Object.entries(REPLACED_SLACK_KEYS)) {
      if ((slack as Record<string, unknown>)[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: english.t(msg(id)), params: { text: msg(id) } });
    }
  })
  .transform(({ allowedUsers: _u, channelApis: _c, flushCache: _f, ...kept }) => kept);

export const AppConfigSchema = z.strictObject({
  region: checked(validateRegion).optional(),
  search: z
    .strictObject({
      since: Duration.default('24h'),
      pageBudget: z.number().int().min(1).max(1000).default(20),
      timeBudgetSeconds: z.number().min(1).max(900).default(25),
      filterLogEventsPerSecond: z.number().min(0.1).max(50).default(2),
    })
    .default({ since: '24h', pageBudget: 20, timeBudgetSeconds: 25, filterLogEventsPerSecond: 2 }),
  cache: z
    .strictObject({ configTtlSeconds: z.number().int().min(0).max(3600).default(60) })
    .default({ configTtlSeconds: 60 }),
  accounts: z.record(z.string(), AccountSchema).default({}),
  apis: z.array(ApiSchema).default([]),
  slack: SlackSchema.optional(),
});

export type AppConfig = z.infer<typeof AppConfigSchema>;
export type ApiConfig = AppConfig['apis'][number];
export type SlackConfig = z.output<typeof SlackSchema>;
export type AccessRuleConfig = z.output<typeof AccessRule>;

export const DEFAULT_CONFIG: AppConfig = AppConfigSchema.parse({});

/** Finds and reads the configuration file; no file means the defaults. */
export function loadAppConfig(options: { file?: string; env: NodeJS.ProcessEnv; cwd: string }): AppConfig {
  const explicit = options.file ?? options.env.WHY403_CONFIG;
  const path = resolve(options.cwd, explicit ?? 'why403.config.yml');
  if (!existsSync(path)) {
    if (explicit)
      throw new InputError(msg('config.file.missing', { file: explicit }), msg('config.file.missing.hint'));
    return DEFAULT_CONFIG;
  }
  return parseAppConfig(readFileSync(path, 'utf8'), explicit ?? 'why403.config.yml');
}

export function parseAppConfig(text: string, source: string): AppConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new InputError(
      msg('config.file.syntax', { source, detail: (error as Error).message.split('\n')[0] }),
      msg('config.file.syntax.hint'),
    );
  }
  const result = AppConfigSchema.safeParse(raw);
  const problems = [...(result.success ? [] : result.error.issues.map(problemOf)), ...unknownAccounts(raw)];
  if (!result.success || problems.length > 0) {
    throw new InputError(
      msg('config.file.problems', {
        source,
        count: problems.length,
        problems: joinTexts(problems, 'cli.join') as Text,
      }),
      msg('config.file.problems.hint'),
    );
  }
  return result.data;
}

/** "path: problem", in the reader's language. */
function problemOf(issue: z.core.$ZodIssue): Text {
  const path = issue.path.join('.');
  return msg('config.problem', { path: path || msg('config.problem.top-level'), problem: issueText(issue) });
}

/** `apis[].account` must name an entry of `accounts`. Read from the raw file, so it is reported with the rest. */
function unknownAccounts(raw: unknown): Text[] {
  const { apis, accounts } = (raw ?? {}) as { apis?: unknown; accounts?: unknown };
  if (!Array.isArray(apis)) return [];
  const known = accounts && typeof accounts === 'object' ? Object.keys(accounts) : [];
  return apis.flatMap((api, i) => {
    const account = (api as { account?: unknown } | null)?.account;
    return typeof account === 'string' && !known.includes(account)
      ? [
          msg('config.problem', {
            path: `apis.${i}.account`,
            problem: msg('config.account.unknown', { account }),
          }),
        ]
      : [];
  });
}

export interface ApiLocation {
  restApiId: string;
  /** Undefined: the SDK's own region resolution (AWS_REGION, the profile) decides. */
  region?: string;
  roleArn?: string;
  externalId?: string;
  stages?: string[];
}

/** Where an API lives and how to reach it: the configuration's entry, else the given or default region. */
export function locateApi(config: AppConfig, restApiId: string, region: string | undefined): ApiLocation {
  const entry = config.apis.find((api) => api.id === restApiId);
  const account = entry?.account ? config.accounts[entry.account] : undefined;
  const resolved = region ?? entry?.region ?? account?.region ?? config.region;
  return {
    restApiId,
    region: resolved,
    roleArn: entry?.roleArn ?? account?.roleArn,
    externalId: entry?.externalId ?? account?.externalId,
    stages: entry?.stages,
  };
}
