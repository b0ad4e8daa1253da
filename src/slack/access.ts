import type { AccessRuleConfig, SlackConfig } from '../config/app-config';
import type { CauseId } from '../evidence/types';
import { msg, type Message } from '../text';
import { REPLAY_HELPS } from '../replay/causes';

/**
 * The one access decision of the Slack bot: every entry point (slash command, mention, alert, each button, the
 * job that runs after Slack's acknowledgement, on a server or in the Lambda's second invocation) asks
 * `authorize({ user, channel, api, action, from })`. A person must belong to the app's own workspace or to one the
 * configuration allows (`slack.teams`, `slack.enterprises`): in a Slack Connect channel, people of another company
 * are not "everyone else" under `slack.users.default`. Then reading needs the person's rule and the channel's rule
 * to show the API; a write (flushing an authorizer cache) needs both rules to allow writing as well.
 */

export type AccessAction =
  'diagnose' | 'scan' | 'doctor' | 'trace' | 'details' | 'recheck' | 'flush' | 'replay';

/** Writes, each with the flag both rules must set: flushing a cache, running an authorizer (Verify fix). */
const WRITES = { flush: 'flush', replay: 'replay' } as const;

function isWrite(action: AccessAction): action is keyof typeof WRITES {
  return action in WRITES;
}

export interface AccessRequest {
  /** The Slack user who asked; undefined for an alarm post, which no person made (reads only). */
  user: string | undefined;
  /** Where: a channel id, a direct message (D…), or undefined where Slack gave none. */
  channel: string | undefined;
  /** The API concerned; undefined when not known yet (a request id searched across APIs). */
  api: string | undefined;
  action: AccessAction;
  /**
   * The workspace the person belongs to, as Slack said in the request (see `originOf…` in ./origin.ts); `{}` when
   * Slack said nothing, which is refused. Not consulted for an alarm post (no user).
   */
  from?: Origin;
}

/** A person's own workspace (T…) and, when Slack said, its Enterprise Grid organization (E…). */
export interface Origin {
  team?: string;
  enterprise?: string;
}

/** The app's own workspace, as `auth.test` says: once known, its people need no configuration. */
export interface HomeSource {
  /** Undefined while not known (not asked yet, or Slack did not answer): only the configured ones count then. */
  current(): Origin | undefined;
  /** Asks Slack once (again after a failure); never throws. */
  ready(): Promise<void>;
}

export type AccessDecision =
  | {
      allowed: true;
      /** The APIs a search may cover, when `api` was not given; undefined means every API. */
      apis?: string[];
    }
  | {
      allowed: false;
      /** Why, for the person refused. */
      reason: Message;
      /** The configuration setting that would have to change. */
      setting: AccessSetting;
    };

export type AccessSetting = 'slack.users' | 'slack.channels' | 'slack.teams';

const OPEN: AccessRuleConfig = { apis: 'all', flush: false };

/** Causes whose fix takes effect only once the cached authorizer results are gone. */
export const FLUSH_HELPS: readonly CauseId[] = [
  'authorizer-cached-policy-mismatch',
  'authorizer-explicit-deny',
  'authorizer-policy-not-covering-resource',
];

export class Access {
  /**
   * Without `home` (a rules-only check, as in unit tests of the users and channels rules) workspaces are not
   * decided; the bot always gives one, and then a person of no allowed workspace is refused.
   */
  constructor(
    private readonly slack: SlackConfig | undefined,
    private readonly home?: HomeSource,
  ) {}

  get contact(): string | undefined {
    return this.slack?.contact;
  }

  /** Before deciding for a request: the app's own workspace known (asked of Slack once). */
  async ready(): Promise<void> {
    await this.home?.ready();
  }

  authorize(request: AccessRequest): AccessDecision {
    if (request.user !== undefined && this.home && !this.fromAllowedWorkspace(request.from ?? {}))
      return refuse(msg('slack.refuse.workspace'), 'slack.teams');
    const person = request.user === undefined ? undefined : this.userRule(request.user);
    const place = this.channelRule(request.channel);
    const where = isDirectMessage(request.channel) ? 'dm' : 'channel';
    if (person && person.apis.length === 0) return refuse(msg('slack.refuse.user'), 'slack.users');
    if (place.apis.length === 0) return refuse(msg(`slack.refuse.${where}`), 'slack.channels');
    if (isWrite(request.action)) {
      const flag = WRITES[request.action];
      if (!request.user || !person?.[flag]) return refuse(msg(`slack.refuse.${flag}-user`), 'slack.users');
      if (!place[flag]) return refuse(msg(`slack.refuse.${flag}-${where}`), 'slack.channels');
    }
    if (request.api !== undefined) {
      if (person && !covers(person, request.api))
        return refuse(msg('slack.refuse.user-api', { api: request.api }), 'slack.users');
      if (!covers(place, request.api))
        return refuse(msg(`slack.refuse.${where}-api`, { api: request.api }), 'slack.channels');
      return { allowed: true };
    }
    if (isWrite(request.action))
      return refuse(
        msg(request.action === 'replay' ? 'slack.refuse.replay-no-api' : 'slack.refuse.no-api'),
        'slack.channels',
      );
    const apis = intersect(person?.apis ?? 'all', place.apis);
    if (apis !== 'all' && apis.length === 0)
      return refuse(msg(`slack.refuse.no-common-api-${where}`), 'slack.channels');
    return apis === 'all' ? { allowed: true } : { allowed: true, apis };
  }

  /**
   * Whether a verdict posted in this channel offers the Flush button: flushing is allowed here, someone may press
   * it, the channel may see the API, and the cause is one a flush helps with. Pressing it is authorized again.
   */
  offerFlush(channel: string | undefined, api: string | undefined, cause: CauseId): boolean {
    return this.offersWrite('flush', channel, api) && FLUSH_HELPS.includes(cause);
  }

  /**
   * Whether a verdict posted in this channel offers Verify fix: replays are allowed here, someone may run one, the
   * channel may see the API, and the cause is one an authorizer run can verify. Pressing it is authorized again.
   */
  offerReplay(channel: string | undefined, api: string | undefined, cause: CauseId): boolean {
    return this.offersWrite('replay', channel, api) && REPLAY_HELPS.includes(cause);
  }

  /** Re-check after deploy (a read) comes with the verify-the-fix loop: where the channel allows replays. */
  offerAfterDeploy(channel: string | undefined, api: string | undefined): boolean {
    const place = this.channelRule(channel);
    return Boolean(place.replay && api && covers(place, api));
  }

  /** The channel allows the write and may see the API, and someone may do it. */
  private offersWrite(
    flag: (typeof WRITES)[keyof typeof WRITES],
    channel: string | undefined,
    api: string | undefined,
  ): boolean {
    const place = this.channelRule(channel);
    const someone = Object.values(this.slack?.users ?? {}).some((rule) => rule[flag]);
    return Boolean(place[flag] && someone && api && covers(place, api));
  }

  /** The language configured for a channel, else for the workspace. */
  languageOf(channel: string | undefined) {
    return this.channelRule(channel).language ?? this.slack?.language;
  }

  isAlertSource(channel: string | undefined, botId: string | undefined, appId: string | undefined): boolean {
    const slack = this.slack;
    if (!slack || !channel || !slack.alertChannels.includes(channel)) return false;
    return Boolean((botId && slack.alertBots.includes(botId)) || (appId && slack.alertBots.includes(appId)));
  }

  /**
   * The person's workspace is the app's own or one configured, or their Enterprise Grid organization is the app's
   * (an org-wide install) or one configured. No workspace at all is refused: it cannot be told from a foreign one.
   */
  private fromAllowedWorkspace(from: Origin): boolean {
    const home = this.home?.current();
    const teams = [home?.team, ...(this.slack?.teams ?? [])];
    const enterprises = [home?.enterprise, ...(this.slack?.enterprises ?? [])];
    return Boolean(
      (from.team && teams.includes(from.team)) || (from.enterprise && enterprises.includes(from.enterprise)),
    );
  }

  private userRule(user: string): AccessRuleConfig {
    const users = this.slack?.users ?? {};
    return users[user] ?? users.default ?? OPEN;
  }

  private channelRule(channel: string | undefined): SlackConfig['channels'][string] {
    const channels = this.slack?.channels ?? {};
    const listed = channel === undefined ? undefined : channels[channel];
    return listed ?? (isDirectMessage(channel) ? channels.dm : undefined) ?? channels.default ?? OPEN;
  }
}

/** Direct messages have ids starting with D (group DMs are channels to Slack, and here). */
function isDirectMessage(channel: string | undefined): boolean {
  return channel?.startsWith('D') ?? false;
}

function covers(rule: AccessRuleConfig, api: string): boolean {
  return rule.apis === 'all' || rule.apis.includes(api);
}

function intersect(a: 'all' | string[], b: 'all' | string[]): 'all' | string[] {
  if (a === 'all') return b;
  if (b === 'all') return a;
  return a.filter((api) => b.includes(api));
}

/**
 * A request refused because of the person's workspace is an audit line: which workspace tried. (A refused write
 * keeps its own audit name, with these fields added.)
 */
export function workspaceAudit(decision: AccessDecision, from: Origin | undefined): Record<string, unknown> {
  if (decision.allowed || decision.setting !== 'slack.teams') return {};
  return { audit: 'slack-workspace', outcome: 'refused', team: from?.team, enterprise: from?.enterprise };
}

function refuse(reason: Message, setting: AccessSetting): AccessDecision {
  return { allowed: false, reason, setting };
}
