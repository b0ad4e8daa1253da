import type { App } from '@slack/bolt';
import type { Why403Service } from '../../pipeline/service';
import type { Permissions } from '../permissions';
import type { Deduper } from '../dedupe';
import type { Dispatch } from '../dispatch';
import { registerCommand } from './command';
import { registerMention } from './mention';
import { registerAlerts } from './alert';
import { registerActions } from './actions';

/**
 * Listeners acknowledge at once and hand the slow work to `dispatch`; they never throw into Bolt and never touch
 * AWS themselves.
 */
export interface ListenerDeps {
  service: Why403Service;
  permissions: Permissions;
  dedupe: Deduper;
  dispatch: Dispatch;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommand(app, deps);
  registerMention(app, deps);
  registerAlerts(app, deps);
  registerActions(app, deps);
}
