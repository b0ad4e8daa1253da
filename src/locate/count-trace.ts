import { parseLogText } from '../evidence/log-lines';
import { assembleEvidence, describeMethod } from '../evidence/assemble';
import { causeOf } from '../classify/classify';
import { VerdictMemo, type Counted } from './verdict-memo';
import { eventsOfLines } from './request-groups';

/**
 * How a request that did not end below 400 is counted: cut off (no status and no failure line), or failed with its
 * top cause, the request id to show and the method to count it under. Traces seen before are counted from memory.
 */

const FAILURE_MARKERS =
  /Unauthorized request|not authorized|Execution failed due to configuration error|AuthorizerConfigurationException|ExplicitDenyException|Authorizer error|^Unauthorized$/m;

export class TraceCounter {
  private readonly memo = new VerdictMemo();

  /**
   * `lines`: the request's lines as read, joined by newlines (`ClosedRequest.rawLines`), or its decoded events.
   * Undefined for a request cut off by the export window.
   */
  count(id: string, status: number | undefined, lines: Uint8Array | readonly string[]): Counted | undefined {
    const read = readTrace(lines);
    const key = this.memo.keyOf(id, status, read.bytes);
    const known = key === undefined ? undefined : this.memo.recall(key, id);
    if (known) return known;
    const text = read.text ?? read.bytes.toString('utf8');
    if (status === undefined && !FAILURE_MARKERS.test(text)) return undefined;
    const counted = countTrace(id, text);
    if (key !== undefined) this.memo.remember(key, id, counted);
    return counted;
  }
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

function countTrace(id: string, text: string): Counted {
  const evidence = assembleEvidence({ lines: parseLogText(text) });
  return {
    cause: causeOf(evidence),
    requestId: evidence.request.requestId ?? id,
    method: describeMethod(evidence.request, 'template'),
  };
}
