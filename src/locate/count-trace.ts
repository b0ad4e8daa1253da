import { parseLogText } from '../evidence/log-lines';
import { assembleEvidence, describeMethod } from '../evidence/assemble';
import { causeOf } from '../classify/classify';
import type { Counted } from './verdict-memo';

/** How one failed request is counted: its top cause, the request id to show, the method to count it under. */
export function countTrace(id: string, text: string): Counted {
  const evidence = assembleEvidence({ lines: parseLogText(text) });
  return {
    cause: causeOf(evidence),
    requestId: evidence.request.requestId ?? id,
    method: describeMethod(evidence.request, 'template'),
  };
}
