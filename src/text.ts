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

export function isMessage(text: unknown): text is Message {
  return typeof text === 'object' && text !== null && typeof (text as { id?: unknown }).id === 'string';
}
