import type { webApi } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Why403Service } from '../../pipeline/service';
import type { DiagnoseQuery } from '../../pipeline/diagnose';
import type { ScanQuery } from '../../pipeline/scan-api';
import type { Permissions } from '../permissions';
import type { SlackMessageLike } from '../alerts';

/** Where the answer goes: a channel message (new, or an existing one to update) or a response_url. */
export interface ReplyTarget {
  channel: string;
  /** Reply in this thread. */
  threadTs?: string;
  /** Update this message instead of posting a new one (Re-check). */
  messageTs?: string;
  /** The slash command's or action's response_url: the fallback where the bot cannot post. */
  responseUrl?: string;
  /** Answer through the response_url only (the message to update is ephemeral). */
  viaResponseUrl?: boolean;
  user?: string;
}

export type Job =
  | {
      type: 'diagnose';
      query: DiagnoseQuery & { allowedApis?: string[] };
      reply: ReplyTarget;
      fresh?: boolean;
    }
  | { type: 'scan'; query: ScanQuery; reply: ReplyTarget; title?: string; fresh?: boolean }
  | { type: 'flush'; target: { restApiId: string; stage: string; region?: string }; reply: ReplyTarget }
  | { type: 'trace'; query: DiagnoseQuery; responseUrl: string }
  | { type: 'mention'; text: string; channel: string; ts: string; threadTs?: string; user?: string }
  | { type: 'alert'; message: SlackMessageLike; channel: string; ts: string };

/** Runs a job; the mention and alert jobs use it to run the diagnoses and scans they find. */
export type RunJob = (job: Job, deps: JobDeps) => Promise<void>;

export interface JobDeps {
  client: webApi.WebClient;
  service: Why403Service;
  permissions: Permissions;
  logger: Logger;
  /** Minimum time between two progress edits of the same message. */
  progressIntervalMs?: number;
}
