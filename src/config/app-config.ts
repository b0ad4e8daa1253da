import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors';
import { isRoleArn, validateRegion, validateRestApiId, validateStage } from './ids';
import { parseDuration } from './duration';

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
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const RoleArn = z
  .string()
  .refine(isRoleArn, { message: 'is not an IAM role ARN (arn:aws:iam::123456789012:role/name)' });
const Duration = checked((value) => (parseDuration(value), value));
const SlackId = z
  .string()
  .regex(/^[A-Z0-9]{6,}$/, { message: 'is not a Slack id (e.g. C0123ABCD, U0123ABCD, B0123ABCD)' });

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

const SlackSchema = z.strictObject({
  /** Channels where alert messages from `alertBots` trigger a scan. */
  alertChannels: z.array(SlackId).default([]),
  /** bot_id or app_id values of the alerting integrations (AWS Chatbot / Q, SNS-to-Slack glue, PagerDuty…). */
  alertBots: z.array(SlackId).default([]),
  /** Who may use the bot at all (user ids); empty = everyone in the workspace. */
  allowedUsers: z.array(SlackId).default([]),
  /** Channel id → API ids it may see; a channel not listed sees every configured API. */
  channelApis: z.record(SlackId, z.array(checked(validateRestApiId))).default({}),
  /** The cache-flush button: off unless users or channels are listed. */
  flushCache: z
    .strictObject({ users: z.array(SlackId).default([]), channels: z.array(SlackId).default([]) })
    .default({ users: [], channels: [] }),
});

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
export type SlackConfig = z.infer<typeof SlackSchema>;

export const DEFAULT_CONFIG: AppConfig = AppConfigSchema.parse({});

/** Finds and reads the configuration file; no file means the defaults. */
export function loadAppConfig(options: { file?: string; env: NodeJS.ProcessEnv; cwd: string }): AppConfig {
  const explicit = options.file ?? options.env.WHY403_CONFIG;
  const path = resolve(options.cwd, explicit ?? 'why403.config.yml');
  if (!existsSync(path)) {
    if (explicit)
      throw new InputError(
        `configuration file ${explicit} does not exist`,
        'check the path given to --config or WHY403_CONFIG',
      );
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
      `${source} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
      'fix the syntax',
    );
  }
  const result = AppConfigSchema.safeParse(raw);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)),
    ...unknownAccounts(raw),
  ];
  if (!result.success || problems.length > 0) {
    throw new InputError(
      `${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`,
      'see the configuration section of the README',
    );
  }
  return result.data;
}

/** `apis[].account` must name an entry of `accounts`. Read from the raw file, so it is reported with the rest. */
function unknownAccounts(raw: unknown): string[] {
  const { apis, accounts } = (raw ?? {}) as { apis?: unknown; accounts?: unknown };
  if (!Array.isArray(apis)) return [];
  const known = accounts && typeof accounts === 'object' ? Object.keys(accounts) : [];
  return apis.flatMap((api, i) => {
    const account = (api as { account?: unknown } | null)?.account;
    return typeof account === 'string' && !known.includes(account)
      ? [`apis.${i}.account: "${account}" is not defined under accounts`]
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
