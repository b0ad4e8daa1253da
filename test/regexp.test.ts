import { anchored } from '../src/regexp';

describe('anchored: a pattern whose literal first character is compared first', () => {
  const patterns = [
    /^Starting authorizer: (?<id>\S+) for request: (?<request>\S+)/,
    /^Unauthorized\.?$/,
    /^Endpoint request body after transformations: (?<body>.*)$/s,
    /^API Key .*?not authorized because/,
    /^A+B/,
  ];
  const texts = [
    'Starting authorizer: abc for request: 123',
    'Starting authorizer:',
    'Unauthorized',
    'Unauthorized.',
    ' Unauthorized',
    'Endpoint request body after transformations: {"a":\n1}',
    'API Key **** not authorized because',
    'AAAB',
    'B',
    '',
    'x Starting authorizer: abc for request: 123',
  ];

  it.each(patterns.map((p) => [String(p), p] as const))(
    '%s answers as the pattern itself',
    (_name, pattern) => {
      const fast = anchored(pattern);
      for (const text of texts) {
        expect(fast.test(text)).toBe(pattern.test(text));
        expect(fast.exec(text)?.groups ?? fast.exec(text)?.[0]).toEqual(
          pattern.exec(text)?.groups ?? pattern.exec(text)?.[0],
        );
      }
    },
  );

  it.each([
    /Starting/,
    /^(?:Starting|Ending)/,
    /^Starting|Ending/,
    /^\(id\)/,
    /^[A-Z]/,
    /^A?B/,
    /^A*B/,
    /^a/i,
    /^a/m,
    /^a/g,
  ])('refuses %s, whose first character is not certain', (pattern) => {
    expect(() => anchored(pattern)).toThrow('not an anchored pattern with a literal first character');
  });

  it('keeps alternatives inside a group or a class', () => {
    expect(anchored(/^A(?:B|C)[|]/).test('AC|')).toBe(true);
  });
});
