import type { CauseId } from '../evidence/types';
import { parseLogText, requestIdOfLine } from '../evidence/log-lines';
import { requestIdInMessage } from '../evidence/trace';
import { assembleEvidence, describeMethod } from '../evidence/assemble';
import { rankFindings } from '../classify/classify';
import { forEachLogEvent, type Chunk } from './log-stream';
import { CauseTally, type CauseCount } from './tally';

/**
 * Groups the events of an exported execution log by request id and classifies every request that failed.
 * Lines of concurrent requests interleave, so requests stay open until their terminal line
 * (`Method completed with status: …`) or until they have been idle for a while; the number of open requests is
 * bounded, which keeps memory flat however large the file is.
 */

export interface FileScanOptions {
  /** A request with no new line for this many lines is complete. */
  idleLines?: number;
  /** At most this many requests are held open at once; the longest idle is closed first. */
  maxOpenRequests?: number;
  examplesPerCause?: number;
}

export interface FileScanReport {
  lines: number;
  /** Requests seen. */
  requests: number;
  /** Requests that ended below 400. */
  ok: number;
  /** Requests with neither a final status nor a failure line (cut off by the export window). */
  incomplete: number;
  /** Failed requests, all classified; the sum of the causes' counts. */
  total: number;
  causes: CauseCount[];
}

interface OpenRequest {
  lines: string[];
  lastLine: number;
  /** From its `Method completed with status:` line, once seen. */
  status?: number;
}

const TERMINAL = 'Method completed with status: ';
const FAILURE_MARKERS =
  /Unauthorized request|not authorized|Execution failed due to configuration error|AuthorizerConfigurationException|ExplicitDenyException|Authorizer error|^Unauthorized$/m;
const UNKNOWN_REQUEST = '(no request id)';

export async function scanLogFile(
  chunks: AsyncIterable<Chunk>,
  options: FileScanOptions = {},
): Promise<FileScanReport> {
  const scanner = new RequestScanner(options);
  await forEachLogEvent(chunks, (event) => scanner.add(event));
  return scanner.finish();
}

class RequestScanner {
  private readonly open = new Map<string, OpenRequest>();
  private readonly tally: CauseTally;
  private readonly idleLines: number;
  private readonly maxOpen: number;
  private lineNo = 0;
  private lastId: string | undefined;
  private report = { requests: 0, ok: 0, incomplete: 0 };

  constructor(options: FileScanOptions) {
    this.idleLines = options.idleLines ?? 20_000;
    this.maxOpen = options.maxOpenRequests ?? 10_000;
    this.tally = new CauseTally(options.examplesPerCause ?? 5);
  }

  add(event: string): void {
    this.lineNo++;
    const id = requestIdOfLine(event) ?? requestIdInMessage(event) ?? this.lastId ?? UNKNOWN_REQUEST;
    let request = this.open.get(id);
    if (!request) {
      request = { lines: [], lastLine: this.lineNo };
      this.open.set(id, request);
      this.report.requests++;
    }
    request.lines.push(event);
    request.lastLine = this.lineNo;
    this.lastId = id;
    const terminal = event.indexOf(TERMINAL);
    if (terminal >= 0) {
      request.status = Number(event.slice(terminal + TERMINAL.length, terminal + TERMINAL.length + 3));
      this.close(id);
    }
    if ((this.lineNo & 1023) === 0 || this.open.size > this.maxOpen) this.closeIdle();
  }

  finish(): FileScanReport {
    for (const id of [...this.open.keys()]) this.close(id);
    const causes = this.tally.counts();
    return {
      lines: this.lineNo,
      ...this.report,
      total: causes.reduce((sum, c) => sum + c.count, 0),
      causes,
    };
  }

  /** Closes requests idle for too long, and the longest idle ones while too many are open. */
  private closeIdle(): void {
    const idleBefore = this.lineNo - this.idleLines;
    for (const [id, request] of this.open) {
      if (request.lastLine <= idleBefore) this.close(id);
    }
    if (this.open.size <= this.maxOpen) return;
    const byAge = [...this.open.entries()].sort((a, b) => a[1].lastLine - b[1].lastLine);
    for (const [id] of byAge.slice(0, this.open.size - Math.floor(this.maxOpen * 0.9))) this.close(id);
  }

  private close(id: string): void {
    const request = this.open.get(id);
    if (!request) return;
    this.open.delete(id);
    if (this.lastId === id) this.lastId = undefined;
    if (request.status !== undefined && request.status < 400) {
      this.report.ok++;
      return;
    }
    const text = request.lines.join('\n');
    if (request.status === undefined && !FAILURE_MARKERS.test(text)) {
      this.report.incomplete++;
      return;
    }
    const evidence = assembleEvidence({ lines: parseLogText(text) });
    const top = rankFindings(evidence)[0];
    const cause: CauseId = top?.finding.cause ?? 'other';
    this.tally.add(cause, evidence.request.requestId ?? id, describeMethod(evidence.request, 'template'));
  }
}
