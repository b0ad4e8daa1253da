import { clip, displayWidth, oneLine, padEndWidth, padStartWidth, wrap } from '../../src/render/width';

/** Terminal layout for Chinese: two columns per wide character, breaks between characters, never before a comma. */

describe('displayWidth', () => {
  it.each<[string, number]>([
    ['', 0],
    ['Stage', 5],
    ['階段', 4],
    ['API 金鑰來源', 12],
    ['（全形括號）：', 14],
    ['授權器結果快取 TTL', 18],
  ])('%j takes %d columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('pads by columns, not by characters', () => {
    expect(padEndWidth('階段', 8)).toBe('階段    ');
    expect(padStartWidth('次數', 6)).toBe('  次數');
    expect(padEndWidth('too long', 3)).toBe('too long');
  });
});

describe('clip', () => {
  it.each<[string, string, number, string]>([
    ['short text as it is', 'abc', 5, 'abc'],
    ['long text to the limit, with an ellipsis', 'abcdefgh', 5, 'abcd…'],
    ['never half an emoji', 'abc😀def', 5, 'abc…'],
    ['a whole emoji that fits', 'ab😀defgh', 5, 'ab😀…'],
  ])('%s', (_name, text, max, clipped) => {
    expect(clip(text, max)).toBe(clipped);
  });
});

describe('wrap', () => {
  it.each<[string, string, number, string[]]>([
    ['English at spaces', 'one two three four five', 9, ['one two', 'three', 'four five']],
    ['a word longer than the line on its own', 'a verylongword b', 5, ['a', 'verylongword', 'b']],
    [
      'Chinese between characters',
      '授權器的結果是依權杖快取的',
      8,
      ['授權器的', '結果是依', '權杖快取', '的'],
    ],
    [
      'never a comma or full stop at a line start',
      '一二三，四五六。七',
      6,
      ['一二', '三，四', '五六。', '七'],
    ],
    ['never an opening bracket at a line end', '一二「三四」五', 6, ['一二', '「三', '四」五']],
    ['Latin words inside Chinese stay whole', '呼叫 Lambda 授權器之前', 12, ['呼叫 Lambda', '授權器之前']],
    [
      'a quoted English message after Chinese',
      '回應：「User is not authorized」',
      16,
      ['回應：「User is', 'not authorized」'],
    ],
  ])('%s', (_name, text, width, lines) => {
    expect(wrap(text, width)).toEqual(lines);
  });

  it('keeps every character, in order', () => {
    const text =
      '授權器的結果是依權杖（或身分來源）快取的，不分方法或路徑。Resource: event.methodArn；在快取 TTL 內。';
    expect(wrap(text, 20).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});

describe('oneLine', () => {
  it.each([
    ['a\nb', 'a b'],
    ['a  \n\n   b', 'a b'],
    ['a \n', 'a '],
    ['\n a', ' a'],
    ['no break', 'no break'],
    ['  x \t\r\n\ty  \n z', '  x y z'],
  ])('%j → %j', (text, expected) => {
    expect(oneLine(text)).toBe(expected);
    expect(oneLine(text)).toBe(text.replace(/\s*\n\s*/g, ' '));
  });

  it('reads a long run of spaces that no line break ends at once', () => {
    expect(oneLine(`${'\t'.repeat(60_000)}\u0000\nx`)).toBe(`${'\t'.repeat(60_000)}\u0000 x`);
  });
});
