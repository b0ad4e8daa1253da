import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  isValidSlackRequest,
  type HTTPReceiverOptions,
} from '@slack/bolt';
import type { Log } from '../log';
import { UNHANDLED } from './gate';

type BufferedRequest = IncomingMessage & { rawBody: Buffer };

/**
 * Bolt's HTTP receiver, with the one body it cannot read read here first. Bolt asks `body.ssl_check` of whatever the
 * body parsed to, outside any handler: a signed body of `null` (or `payload=null`) throws there, the request is never
 * answered, and the rejection goes unhandled (which ends a Node process). Such a request is verified as Bolt would
 * (401 when its signature is not Slack's) and otherwise acknowledged empty, with nothing run; every other request
 * goes to Bolt as it came, its body already read (Bolt reuses it). A body over Bolt's limit (4 MB) gets Bolt's 413,
 * and the connection is closed with it instead of being held open for the rest of the upload.
 */
export class SlackHttpReceiver extends HTTPReceiver {
  constructor(
    options: HTTPReceiverOptions & { signingSecret: string },
    private readonly log: Log,
  ) {
    super(options);
    const bolt = this.requestListener;
    const signingSecret = options.signingSecret;
    const endpoints = ['/slack/events'];
    this.requestListener = (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || !endpoints.includes(path)) return bolt(req, res);
      this.screen(req, signingSecret).then(
        (answer) => (answer === undefined ? bolt(req, res) : end(req, res, answer)),
        (error: unknown) => {
          this.log.warn({ err: error }, 'a Slack request that could not be read');
          end(req, res, 400);
        },
      );
    };
  }

  /** The status to answer at once, or undefined to hand the request to Bolt. */
  private async screen(req: IncomingMessage, signingSecret: string): Promise<number | undefined> {
    let buffered: BufferedRequest;
    try {
      buffered = (await HTTPModuleFunctions.bufferIncomingMessage(
        req,
        HTTPModuleFunctions.defaultBodyLimit,
      )) as BufferedRequest;
    } catch (error) {
      // As Bolt answers a body it could not read: too large, or cut off.
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
      this.log.warn({ err: error }, 'a Slack request whose body could not be read');
      return tooLarge ? 413 : 401;
    }
    if (!parsesToNull(buffered)) return undefined;
    if (!signedBySlack(buffered, signingSecret)) return 401;
    this.log.debug({ kind: 'null' }, UNHANDLED);
    return 200;
  }
}

function parsesToNull(req: BufferedRequest): boolean {
  try {
    return HTTPModuleFunctions.parseHTTPRequestBody(req) === null;
  } catch {
    // Bolt answers a body it cannot parse itself (400, after checking its signature).
    return false;
  }
}

/** Bolt's own check: the signature over the raw body, and a timestamp at most five minutes old. */
function signedBySlack(req: BufferedRequest, signingSecret: string): boolean {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
  });
}

/** Answers at once; a body left unread (one too large) is not waited for: the connection closes with the answer. */
function end(req: IncomingMessage, res: ServerResponse, status: number): void {
  const unread = !req.complete;
  res.writeHead(status, unread ? { connection: 'close' } : {});
  res.end(() => {
    if (unread) req.destroy();
  });
}
