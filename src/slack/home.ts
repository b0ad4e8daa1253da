import type { webApi } from '@slack/bolt';
import type { Log } from '../log';
import type { HomeSource, Origin } from './access';

/**
 * The app's own workspace: the `team_id` its bot token belongs to, as `auth.test` says (and, for an org-wide
 * install on Enterprise Grid, its `enterprise_id`), asked once and kept. Given at start when already known (tests,
 * the Lambda, which asks once for Bolt as well). While Slack has not answered, only the configured workspaces are
 * let in: a failure leaves people of every workspace refused, never let in.
 */
export class HomeWorkspace implements HomeSource {
  private known: Origin | undefined;
  private asking: Promise<void> | undefined;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Log,
    known?: Origin,
  ) {
    this.known = known;
  }

  current(): Origin | undefined {
    return this.known;
  }

  ready(): Promise<void> {
    if (this.known) return Promise.resolve();
    this.asking ??= this.ask().finally(() => {
      this.asking = undefined;
    });
    return this.asking;
  }

  private async ask(): Promise<void> {
    try {
      const auth = await this.client.auth.test();
      this.known = homeOf(auth);
      this.log.info({ team: this.known.team, enterprise: this.known.enterprise }, 'the app’s own workspace');
    } catch (error) {
      this.log.error(
        { err: error },
        'could not ask Slack which workspace the bot belongs to (auth.test): only the workspaces under slack.teams and slack.enterprises are let in',
      );
    }
  }
}

/** The workspace of a token, from auth.test's answer; its organization only for an org-wide install. */
export function homeOf(auth: {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
}): Origin {
  return {
    team: auth.team_id || undefined,
    ...(auth.is_enterprise_install && auth.enterprise_id ? { enterprise: auth.enterprise_id } : {}),
  };
}
