import type { webApi } from '@slack/bolt';
import type { Why403Service } from '../../pipeline/service';
import type { DiagnoseQuery } from '../../pipeline/diagnose';
import type { ScanQuery } from '../../pipeline/scan-api';
import type { Localizer } from '../../render/localize';
import type { Text } from '../../text';
import type { Log } from '../../log';
import type { Access, Origin } from '../access';
import type { SlackMessageLike } from '../alerts';
import type { AnswerIndex } from '../answers';
import type { SharedFlight } from '../flight';
import type { Locales } from '../locale';
import type { SharedStore } from '../state';
import type { JobJournal, JournalEntry } from '../journal';
import type { SealedIdentity } from '../../replay/sealed';
import type { PersonJobs } from '../person-jobs';

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
}

/** Who asked, and where: what every job is authorized for again when it runs. */
export interface Who {
  /** The Slack user; undefined for an alarm post. */
  user?: string;
  channel: string;
  /** The person's workspace, as Slack said in the request: authorized again with the rest. */
  from?: Origin;
}

export type JobBody =
  | { type: 'diagnose'; query: DiagnoseQuery; reply: ReplyTarget; fresh?: boolean }
  | { type: 'scan'; query: ScanQuery; reply: ReplyTarget; title?: Text; fresh?: boolean }
  | { type: 'doctor'; query: { restApiId: string; stage?: string }; reply: ReplyTarget }
  | { type: 'flush'; target: { restApiId: string; stage: string; region?: string }; reply: ReplyTarget }
  /**
   * Verify fix. The identity travels only within this process: serialised (a job sent to a second Lambda
   * invocation), it is withheld, and the job says it cannot run there.
   */
  | {
      type: 'replay';
      query: DiagnoseQuery;
      identity: SealedIdentity;
      authorizerId?: string;
      reply: ReplyTarget;
    }
  | { type: 'trace'; query: DiagnoseQuery; responseUrl: string }
  | { type: 'details'; query: DiagnoseQuery; responseUrl: string }
  | { type: 'scan-details'; query: ScanQuery; responseUrl: string }
  | { type: 'mention'; text: string; ts: string; threadTs?: string }
  | { type: 'alert'; message: SlackMessageLike; ts: string };

/** A job is plain data (it may travel to a second Lambda invocation): what to do, who asked, and its log id. */
export type Job = JobBody & { who: Who; correlationId: string };

export interface JobDeps {
  client: webApi.WebClient;
  service: Why403Service;
  access: Access;
  state: SharedStore;
  answers: AnswerIndex;
  flight: SharedFlight;
  locales: Locales;
  log: Log;
  /** Verify fix can run here: jobs run in this process (not handed to a second Lambda invocation). */
  replayHere?: boolean;
  /** Jobs recorded in Redis while they run, for another replica to finish should this one die (docs/deploy.md). */
  journal?: JobJournal;
  /** The bot's own identity when known at start (the Lambda's one auth.test): jobs need not ask Slack again. */
  self?: BotIdentity;
  /** A Web API client that stops with `signal`: for a job its runner may stop (stoppable-client.ts). */
  stoppableClient(signal: AbortSignal): webApi.WebClient;
  /** The places of each person's jobs under way (person-jobs.ts): a job gives its place back when it ends. */
  personJobs?: PersonJobs;
}

export interface BotIdentity {
  botId?: string;
  userId?: string;
}

/** What a running job has: its dependencies, its logger (with the correlation id) and the asker's language. */
export interface JobContext extends JobDeps {
  l: Localizer;
  /** The job's record in the journal, when it has one: the messages it posted, and whether it was taken over. */
  entry?: JournalEntry;
  /**
   * Aborts when whoever runs the job stops it (the Lambda deadline): its AWS reads are cancelled, and `client` and
   * the response_url posts refuse to post anything more.
   */
  signal?: AbortSignal;
}

/** Runs a job within the current one (the mention and alert jobs run the diagnoses and scans they find). */
export type Perform = (job: Job, ctx: JobContext) => Promise<void>;
