import { LRUCache } from 'lru-cache';
import type { CauseId } from '../evidence/types';
import { EXPORT_TIMESTAMP } from '../evidence/log-lines';

/**
 * Remembers how failed requests were counted, keyed by their trace with the request id and the export timestamps
 * taken out: the verdict depends only on the messages, so a trace seen before with another request id is not
 * classified again. Thousands of failures in an export are usually a handful of distinct traces.
 */

export interface Counted {
  cause: CauseId;
  /** The request id the tally shows. */
  requestId: string;
  /** The method the tally counts, if known. */
  method: string | undefined;
}

/** Stands for the request id in a key and in what is remembered; a trace holding it is not remembered. */
const ID = '\u0000';
/** Stands for an export timestamp (`2017-06-05T17:52:57.701Z `) at the start of an event; likewise reserved. */
const TIMESTAMP = '\u0001';
/** Only ids as API Gateway writes them: an id that could also be a word of a message is never taken out. */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The export timestamp, exactly as the line parser accepts it before a request id. */
const LEADING_TIMESTAMP = new RegExp(`^${EXPORT_TIMESTAMP}(?=[^])`);
const MAX_KEY_LENGTH = 64 * 1024;

export class VerdictMemo {
  private readonly cache: LRUCache<string, Counted>;

  /** `maxChars`: the keys' total length at most (memory stays flat however many distinct traces there are). */
  constructor(maxChars = 8 * 1024 * 1024) {
    this.cache = new LRUCache({ maxSize: maxChars, sizeCalculation: (_value, key) => key.length + 64 });
  }

  /**
   * The key of a trace: its text (`events` joined as the classifier reads them) with the request id and export
   * timestamps replaced; undefined when the trace should not be remembered.
   */
  keyOf(id: string, events: readonly string[], text: string): string | undefined {
    if (!REQUEST_ID.test(id) || text.length > MAX_KEY_LENGTH) return undefined;
    if (text.includes(ID) || text.includes(TIMESTAMP)) return undefined;
    const parts = events.map((event) => {
      const timestamp = LEADING_TIMESTAMP.exec(event);
      return timestamp ? TIMESTAMP + event.slice(timestamp[0].length) : event;
    });
    return parts.join('\n').split(id).join(ID);
  }

  recall(key: string, id: string): Counted | undefined {
    const counted = this.cache.get(key);
    if (!counted) return undefined;
    return {
      cause: counted.cause,
      requestId: withId(counted.requestId, id),
      method: counted.method === undefined ? undefined : withId(counted.method, id),
    };
  }

  remember(key: string, id: string, counted: Counted): void {
    this.cache.set(key, {
      cause: counted.cause,
      requestId: counted.requestId.split(id).join(ID),
      method: counted.method?.split(id).join(ID),
    });
  }
}

function withId(text: string, id: string): string {
  return text.includes(ID) ? text.split(ID).join(id) : text;
}
