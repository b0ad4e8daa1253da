import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Log } from '../../log';
import type { Access } from '../access';
import type { Deduper } from '../dedupe';
import type { Dispatch } from '../dispatch';
import type { Locales } from '../locale';
import { registerCommand } from './command';
import { MENTION_EVENT, registerMention } from './mention';
import { ALERT_EVENT, registerAlerts } from './alert';
import { registerActions } from './actions';
import { registerReplay } from './replay';

/**
 * Listeners acknowledge at once and hand the slow work to `dispatch`; they never throw into Bolt and never touch
 * AWS themselves. Each Slack request gets a correlation id that its job, its log lines and its AWS calls carry.
 */
export interface ListenerDeps {
  access: Access;
  dedupe: Deduper;
  dispatch: Dispatch;
  /** Runs Verify fix jobs in this process; absent where jobs leave it (AWS Lambda), and Verify fix is then off. */
  replay?: Dispatch;
  locales: Locales;
  log: Log;
}

/** The events the listeners take; the app acknowledges any other at once (src/slack/gate.ts). */
export const EVENTS = [MENTION_EVENT, ALERT_EVENT] as const;

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommand(app, deps);
  registerMention(app, deps);
  registerAlerts(app, deps);
  registerActions(app, deps);
  registerReplay(app, deps);
}

export function newCorrelationId(): string {
  return randomUUID();
}
