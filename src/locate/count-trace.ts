import { parseLogText } from '../evidence/log-lines';
import { assembleEvidence, describeMethod } from '../evidence/assemble';
import { causeOf } from '../classify/classify';
import { VerdictMemo, type Counted, type TraceKey } from './verdict-memo';
import { eventsOfLines } from './request-groups';

/**
 * How a request that did not end below 400 is counted: cut off (no status and no failure line), or failed with its
 * top cause, the request id to show and the method to count it under. Traces seen before are counted from memory.
 */

const FAILURE_MARKERS =
  /Unauthorized request|not authorized|Execution failed due to configuration error|AuthorizerConfigurationException|ExplicitDenyException|Authorizer error|^Unauthorized$/m;

/** A failed request as memory knows it: counted before, or its trace (UTF-8, as the classifier reads it) and key. */
export type Recalled =
  | { counted: Counted }
  | { counted?: undefined; trace: Buffer; text: string | undefined; key: TraceKey | undefined };

export class TraceCounter {
  private readonly memo = new VerdictMemo();

  /**
   * `lines`: the request's lines as read, joined by newlines (`ClosedRequest.rawLines`), or its decoded events.
   * Undefined for a request cut off by the export window.
   */
  count(id: string, status: number | undefined, lines: Uint8Array | readonly string[]): Counted | undefined {
    const recalled = this.recall(id, status, lines);
    if (recalled.counted) return recalled.counted;
    const counted = countTrace(id, status, recalled.text ?? recalled.trace.toString('utf8'));
    if (counted && recalled.key) this.memo.remember(recalled.key, id, counted);
    return counted;
  }

  /** The count of a trace seen before, or the trace to classify; its key is valid until the next call. */
  recall(id: string, status: number | undefined, lines: Uint8Array | readonly string[]): Recalled {
    const { bytes, text } = readTrace(lines);
    const key = this.memo.keyOf(id, status, bytes);
    const known = key === undefined ? undefined : this.memo.recall(key, id);
    return known ? { counted: known } : { trace: bytes, text, key };
  }

  /** Remembers what a trace classified elsewhere counted as (`key` from `recall`). */
  remember(key: TraceKey, id: string, counted: Counted): void {
    this.memo.remember(key, id, counted);
  }
}

/**
 * What a trace counts as, classified (`text`: its lines joined by newlines); undefined when it was cut off by the
 * export window: no status and no failure line.
 */
export function countTrace(id: string, status: number | undefined, text: string): Counted | undefined {
  if (status === undefined && !FAILURE_MARKERS.test(text)) return undefined;
  const evidence = assembleEvidence({ lines: parseLogText(text) });
  return {
    cause: causeOf(evidence),
    requestId: evidence.request.requestId ?? id,
    method: describeMethod(evidence.request, 'template'),
  };
}

/**
 * The trace as the classifier reads it, in UTF-8: raw lines are that already unless one is a JSON event, whose
 * message is what counts (and whose other fields would make every key unique).
 */
function readTrace(lines: Uint8Array | readonly string[]): { bytes: Buffer; text?: string } {
  if (!isArray(lines)) {
    const bytes = Buffer.from(lines.buffer, lines.byteOffset, lines.length);
    if (bytes[0] !== OPEN_BRACE && !bytes.includes(NEWLINE_BRACE)) return { bytes };
    lines = eventsOfLines(bytes);
  }
  const text = lines.join('\n');
  return { bytes: Buffer.from(text), text };
}

const OPEN_BRACE = 0x7b;
const NEWLINE_BRACE = Buffer.from('\n{');

function isArray(lines: Uint8Array | readonly string[]): lines is readonly string[] {
  return Array.isArray(lines);
}
