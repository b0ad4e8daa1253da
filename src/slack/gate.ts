import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { Log } from '../log';
import { EVENTS } from './listeners';
import { isSlackResponseUrl } from './response-url';

/**
 * The Bolt app, with what Bolt leaves unanswered answered. Every receiver (HTTP, Socket Mode, AWS Lambda) checks a
 * request's signature and then hands it to `processEvent`, so this is the one place all three pass after that check.
 * Bolt answers a request no listener acknowledges with a 404 after three seconds (HTTP), a 404 (Lambda) or nothing
 * (Socket Mode), and Slack then shows the person an error and sends it again; a click or a submission without a
 * user fails inside Bolt (a 500) before any listener runs. Here such requests are acknowledged at once, empty, with
 * nothing run and one debug line: kinds the bot never listens to before Bolt sees them, and kinds it does (a button
 * or modal of another app) as soon as Bolt is done and no listener acknowledged them.
 */
export class GatedApp extends App {
  private readonly log: Log;

  constructor(options: AppOptions, log: Log) {
    super(options);
    this.log = log;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const refused = refusal(event.body);
    if (refused) {
      const level = refused.line === MISSHAPEN ? 'warn' : 'debug';
      this.log[level]({ ...about(event.body), ...refused.about }, refused.line);
      await event.ack();
      return;
    }
    let acked = false;
    const ack: ReceiverEvent['ack'] = (response) => {
      acked = true;
      return event.ack(response);
    };
    try {
      await super.processEvent({ ...event, ack });
    } catch (error) {
      // Bolt failed on the request's shape before any listener ran (errors of listeners reach app.error instead).
      this.log.warn(
        { err: error, ...about(event.body) },
        'a request Bolt could not read: acknowledged, nothing run',
      );
      if (!acked) await event.ack();
      return;
    }
    if (acked) return;
    this.log.debug(about(event.body), UNHANDLED);
    await event.ack();
  }
}

export const UNHANDLED = 'a request the bot does not handle: acknowledged, nothing run';
export const NO_PERSON = 'a request that names no person: acknowledged, nothing run';
export const MISSHAPEN = 'a request whose fields are not as Slack sends them: acknowledged, nothing run';

/** The interactive payloads the bot has listeners for; any other kind goes no further. */
const INTERACTIVE = ['block_actions', 'view_submission'];

type Body = Record<string, unknown>;

/** Why a request goes no further than an empty acknowledgement, or undefined for one the listeners may take. */
function refusal(body: unknown): { line: string; about: Record<string, string> } | undefined {
  if (!isObject(body)) return { line: UNHANDLED, about: { kind: typeof body } };
  const event = body.event;
  if (event !== undefined) {
    if (!isOurEvent(event)) return { line: UNHANDLED, about: about(body) };
    // Its ts is what it is deduplicated and answered by: without one, every such event would be the same one.
    if (typeof event.ts !== 'string' || event.ts === '') return { line: MISSHAPEN, about: { field: 'ts' } };
    return misshapen(event, EVENT_FIELDS);
  }
  // A form field given twice reads as a list: whose command, typed where, is then anybody's guess.
  if (body.command !== undefined) return misshapen(body, Object.keys(body)) ?? foreignResponseUrl(body);
  if (!INTERACTIVE.includes(String(body.type)) || !readable(body))
    return { line: UNHANDLED, about: about(body) };
  // Bolt reads the person of a click or a submission unguarded; without one there is nobody to decide access for.
  const user = body.user;
  if (!isObject(user) || typeof user.id !== 'string' || user.id === '')
    return { line: NO_PERSON, about: about(body) };
  return (
    misshapen(body, INTERACTION_FIELDS) ??
    foreignResponseUrl(body) ??
    misshapen(user, ['team_id']) ??
    misshapen(body.channel, ['id']) ??
    misshapen(body.container, CONTAINER_FIELDS) ??
    misshapen(body.message, ['ts', 'thread_ts'])
  );
}

/**
 * The fields the bot reads of who asked, where, and where to answer: each a string when present (Slack never sends
 * them otherwise). An object or a list there would be taken for a person, a channel or a thread that is none.
 */
const EVENT_FIELDS = [
  'user',
  'channel',
  'ts',
  'thread_ts',
  'text',
  'subtype',
  'bot_id',
  'app_id',
  'user_team',
  'team',
];
const INTERACTION_FIELDS = ['response_url', 'trigger_id', 'api_app_id'];
const CONTAINER_FIELDS = ['channel_id', 'message_ts', 'thread_ts'];

function misshapen(
  part: unknown,
  fields: readonly string[],
): { line: string; about: Record<string, string> } | undefined {
  if (part === undefined || part === null) return undefined;
  const wrong = isObject(part) ? fields.find((field) => !stringOrAbsent(part[field])) : 'itself';
  return wrong === undefined ? undefined : { line: MISSHAPEN, about: { field: wrong } };
}

/** Slack's response URLs are on its hooks host: any other is never posted to, and its request never run. */
function foreignResponseUrl(body: Body): { line: string; about: Record<string, string> } | undefined {
  const url = body.response_url;
  return typeof url === 'string' && !isSlackResponseUrl(url)
    ? { line: MISSHAPEN, about: { field: 'response_url' } }
    : undefined;
}

function stringOrAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** An event the bot subscribes to, shaped as Bolt reads it (a conversation is an id). */
function isOurEvent(event: unknown): event is Body {
  return (
    isObject(event) &&
    EVENTS.includes(event.type as (typeof EVENTS)[number]) &&
    (event.channel === undefined || typeof event.channel === 'string')
  );
}

/** A click names its actions, a submission its view, as Bolt needs to tell them apart and to read them. */
function readable(body: Body): boolean {
  if (body.type === 'block_actions')
    return Array.isArray(body.actions) && body.actions.length > 0 && body.actions.every(isObject);
  return isObject(body.view);
}

/** What a log line says of a request: its kind and what it was for, each cut short. */
function about(body: unknown): Record<string, string> {
  if (!isObject(body)) return { kind: typeof body };
  const event = isObject(body.event) ? body.event : undefined;
  const action = Array.isArray(body.actions) && isObject(body.actions[0]) ? body.actions[0] : undefined;
  const view = isObject(body.view) ? body.view : undefined;
  const fields: Record<string, unknown> = {
    kind: body.event !== undefined ? 'event_callback' : body.command !== undefined ? 'command' : body.type,
    event: event?.type,
    command: body.command,
    action: action?.action_id,
    callback: view?.callback_id ?? body.callback_id,
  };
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, short(value)]),
  );
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
