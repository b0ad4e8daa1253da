import { maskMessages } from './messages';
import { maskKeyValuePairs } from './pairs';
import { maskTokens } from './tokens';

/**
 * The context-free passes of redactText(), in order: message-specific rules first (they know what is already
 * AWS-masked), then tokens recognizable anywhere, then `key: value` pairs. Each pass is idempotent and keeps
 * line breaks.
 */
export function applyTextRules(text: string): string {
  return maskKeyValuePairs(maskTokens(maskMessages(text)));
}
