import { parseLogText } from '../evidence/log-lines';
import { assembleEvidence, describeMethod } from '../evidence/assemble';
import { causeOf } from '../classify/classify';
import { VerdictMemo, type Counted } from './verdict-memo';

/**
 * How a request that did not end below 400 is counted: cut off (no status and no failure line), or failed with its
 * top cause, the request id to show and the method to count it under. Traces seen before are counted from memory.
 */

const FAILURE_MARKERS =
  /Unauthorized request|not authorized|Execution failed due to configuration error|AuthorizerConfigurationException|ExplicitDenyException|Authorizer error|^Unauthorized$/m;

export class TraceCounter {
  private readonly memo = new VerdictMemo();

  /** Undefined for a request cut off by the export window. */
  count(id: string, status: number | undefined, events: readonly string[]): Counted | undefined {
    const text = events.join('\n');
    if (status === undefined && !FAILURE_MARKERS.test(text)) return undefined;
    const key = this.memo.keyOf(id, events, text);
    const known = key === undefined ? undefined : this.memo.recall(key, id);
    if (known) return known;
    const counted = countTrace(id, text);
    if (key !== undefined) this.memo.remember(key, id, counted);
    return counted;
  }
}

function countTrace(id: string, text: string): Counted {
  const evidence = assembleEvidence({ lines: parseLogText(text) });
  return {
    cause: causeOf(evidence),
    requestId: evidence.request.requestId ?? id,
    method: describeMethod(evidence.request, 'template'),
  };
}
