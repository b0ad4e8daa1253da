import type { Block, SlackMessage } from './block-kit';
import { unescapeEntities as unescape } from '../entities';

/**
 * A readable rendering of a Block Kit message for a terminal, so the sandbox can show what the bot would post
 * without a Slack workspace. Mrkdwn is left as written; Slack's escapes are undone.
 */
export function renderMessageText(message: SlackMessage): string {
  const lines: string[] = [];
  for (const block of message.blocks) lines.push(...renderBlock(block));
  return `${lines.join('\n')}\n`;
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [`▌ ${block.text.text}`, ''];
    case 'section':
      return [
        ...(block.text ? [unescape(block.text.text)] : []),
        ...(block.fields ?? []).map((f) => `  ${unescape(f.text).replace('\n', ': ')}`),
        '',
      ];
    case 'context':
      return [
        `  ${block.elements.map((e) => ('text' in e && typeof e.text === 'string' ? unescape(e.text) : '')).join('  ·  ')}`,
        '',
      ];
    case 'divider':
      return ['────────', ''];
    case 'actions':
      return [
        block.elements
          .map((e) => ('text' in e && e.text && 'text' in e.text ? `[ ${e.text.text} ]` : '[ … ]'))
          .join('  '),
        '',
      ];
    default:
      return [];
  }
}
