import { parseFilterPattern } from '../../../src/sandbox/fake-aws/filter-pattern';

describe('fake CloudWatch Logs: filter patterns', () => {
  const line = '(cf10-1) Incoming identity: ****abc123 Method completed with status: 403';

  it.each([
    ['', true],
    ['   ', true],
    ['Method', true],
    ['Method completed', true],
    ['Method missing', false],
    ['method', false],
    ['"status: 403"', true],
    ['"Status: 403"', false],
    ['"Incoming identity: ****abc123"', true],
    ['?nothing ?"status: 403"', true],
    ['?nothing ?else', false],
    ['Method -"status: 403"', false],
    ['Method -"status: 200"', true],
    ['"say \\"hi\\""', false],
  ])('%j matches: %s', (pattern, expected) => {
    expect(parseFilterPattern(pattern)(line)).toBe(expected);
  });

  it.each(['{ $.status = 403 }', '[ip, user, status=403]', '%40[0-9]%', 'cf10-1', '"open', '"a"b', '?a b'])(
    'refuses %j with InvalidParameterException',
    (pattern) => {
      expect(() => parseFilterPattern(pattern)).toThrow(
        expect.objectContaining({ code: 'InvalidParameterException' }),
      );
    },
  );
});
