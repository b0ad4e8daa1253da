import type { MessageId } from '..';

/** Traditional Chinese (Taiwan). */
export const zhTW: Partial<Record<MessageId, string>> = {};
