/**
 * Text laid out by terminal columns: East Asian wide characters (CJK, full-width punctuation) take two columns,
 * and Chinese text has no spaces to break at, so it may break between any two of its characters.
 */

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** Characters that may not start a line (closing punctuation), and may not end one (opening punctuation). */
const NO_START = /^[，。、；：？！）」』〉》】〕…—～·,.;:?!)\]}%]/u;
const NO_END = /[（「『〈《【〔([{]$/u;

/**
 * Every line break, with the whitespace around it, made one space: a loop, since the pattern that says so
 * backtracks quadratically over a long run of spaces that no line break ends.
 */
export function oneLine(text: string): string {
  if (!text.includes('\n')) return text;
  let out = '';
  let start = 0;
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
    let left = newline;
    while (left > start && SPACE.test(text[left - 1])) left--;
    let right = newline + 1;
    while (right < text.length && SPACE.test(text[right])) right++;
    out += `${text.slice(start, left)} `;
    start = right;
  }
  return out + text.slice(start);
}

const SPACE = /\s/;

/** `text` cut to `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  // Cut between characters: half an emoji is a character no one wrote (and a lone surrogate Slack's JSON refuses).
  return text.length > max ? `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : text;
}

/** Columns a string takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

export function padEndWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * Pieces that must stay together on a line: a word of Latin text (with the space before it), or one wide
 * character with any closing punctuation that follows it.
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (const token of text.match(/\s+|[^\s]+/gu) ?? []) {
    if (/^\s/u.test(token)) {
      out.push(' ');
      continue;
    }
    let word = '';
    for (const char of token) {
      if (!WIDE.test(char)) {
        if (word && WIDE.test([...word].at(-1) ?? '') && !NO_START.test(char) && !NO_END.test(word)) {
          out.push(word);
          word = '';
        }
        word += char;
        continue;
      }
      if (word && !NO_START.test(char) && !NO_END.test(word)) {
        out.push(word);
        word = '';
      }
      word += char;
    }
    if (word) out.push(word);
  }
  return out;
}

/**
 * Wraps text to `width` columns: Latin text at spaces, Chinese between characters (never before closing or after
 * opening punctuation). A word longer than a line stays whole on its own line.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const piece of pieces(text.replace(/\s+/gu, ' ').trim())) {
    if (piece === ' ') {
      if (line) {
        line += ' ';
        used += 1;
      }
      continue;
    }
    const size = displayWidth(piece);
    if (line.trim() && used + size > width) {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    }
    line += piece;
    used += size;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
