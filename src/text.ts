import type { MessageId } from './render/messages';

/**
 * What a person reads, as data: either a message (an id in the catalogs of src/render/messages, with its
 * parameters) that rendering puts into the reader's language, or verbatim text that is shown exactly as it is
 * (a quoted log line, an ARN, a command). Rules, the pipeline and the Slack jobs return these; only rendering
 * turns them into words.
 */

export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  readonly id: MessageId;
  readonly params?: MessageParams;
}

export type Text = string | Message;

export function msg(id: MessageId, params?: MessageParams): Message {
  return params === undefined ? { id } : { id, params };
}

/**
 * Text a person typed, quoted back to them (a word the bot could not read): verbatim, in quotes where words are
 * plain text, and as a code span in Slack, where it would otherwise render as formatting.
 */
export const TYPED = 'typed.quoted' satisfies MessageId;

export function typed(text: string): Message {
  return msg(TYPED, { text });
}

export function isMessage(text: unknown): text is Message {
  return typeof text === 'object' && text !== null && typeof (text as { id?: unknown }).id === 'string';
}

/** Each text once, in order: the same message with the same parameters is the same text. */
export function distinctTexts(texts: readonly Text[]): Text[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = JSON.stringify(text);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Several texts as one, "first; second; …", each pair joined by `joiner` (a message of `{first}` and `{rest}`). */
export function joinTexts(texts: readonly Text[], joiner: MessageId): Text | undefined {
  if (texts.length === 0) return undefined;
  return texts.slice(1).reduce<Text>((joined, next) => msg(joiner, { first: joined, rest: next }), texts[0]);
}
