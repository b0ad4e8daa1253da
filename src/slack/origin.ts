import type { Origin } from './access';

/**
 * Where Slack says the person who asked belongs. Each kind of request says it in its own fields; fields that
 * describe the channel's or the installation's workspace are never taken for the person's (in a Slack Connect
 * channel they name the host, and would let every guest in).
 *
 * - Slash command: `team_id` and `enterprise_id` of the form, the only workspace fields a command has (Bolt's
 *   SlashCommand reference, docs.slack.dev/tools/bolt-js/reference/interfaces/SlashCommand).
 * - Events (`app_mention`): `event.user_team`, the team of the user who wrote, which Slack adds in a channel shared
 *   between workspaces (@slack/types AppMentionEvent, and api.slack.com/enterprise/grid/developing via
 *   slack-go/slack#695). Slack's own example of the event has none: in a channel that is not shared the writer is of
 *   the workspace the event comes from, the message's `team` or the envelope's `team_id`. The envelope's `team_id`
 *   and `enterprise_id` are the workspace that owns a shared channel (slackapi/bolt-js#687): without `user_team`,
 *   an event the envelope marks `is_ext_shared_channel` names nobody's team. The envelope's organization is taken
 *   only when its `team_id` is the writer's team.
 * - Interactions (`block_actions`, `view_submission`): `user.team_id`; on Enterprise Grid it may be the
 *   organization's id (E…) instead of the workspace's (docs.slack.dev/reference/interaction-payloads). `team` is the
 *   workspace the interaction came from: its organization is taken only when it is the user's team.
 */

interface EventEnvelope {
  team_id?: string;
  enterprise_id?: string;
  is_ext_shared_channel?: boolean;
}

export function originOfCommand(command: { team_id?: string; enterprise_id?: string }): Origin {
  return origin(command.team_id, command.enterprise_id);
}

export function originOfEvent(event: { user_team?: string; team?: string }, body: EventEnvelope): Origin {
  const team =
    event.user_team ?? (body.is_ext_shared_channel === true ? undefined : (event.team ?? body.team_id));
  return origin(team, team && body.team_id === team ? body.enterprise_id : undefined);
}

interface InteractionBody {
  user?: { team_id?: string };
  team?: { id?: string; enterprise_id?: string } | null;
  enterprise?: { id?: string } | null;
}

export function originOfInteraction(body: InteractionBody): Origin {
  const team = body.user?.team_id;
  const sameTeam = team !== undefined && body.team?.id === team;
  return origin(team, sameTeam ? (body.team?.enterprise_id ?? body.enterprise?.id) : undefined);
}

/** Only ids of their kind count (a T… workspace, an E… organization); an organization's id given as the team is one. */
function origin(team: unknown, enterprise: unknown): Origin {
  const ofKind = (id: unknown, prefix: string) =>
    typeof id === 'string' && new RegExp(`^${prefix}[A-Z0-9]{2,}$`).test(id) ? id : undefined;
  const org = ofKind(team, 'E') ?? ofKind(enterprise, 'E');
  return { team: ofKind(team, 'T'), ...(org ? { enterprise: org } : {}) };
}
