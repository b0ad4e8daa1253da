import {
  actionCovers,
  arnMatches,
  globMatches,
  resourceMatches,
  splitArn,
} from '../../../src/classify/policy';
import { splitInto } from '../../../src/split';

const API = 'arn:aws:execute-api:us-east-1:111122223333:abc123';

describe('resourceMatches', () => {
  it.each([
    ['* crosses / inside the resource segment', `${API}/prod/*/*`, `${API}/prod/GET/pets/42`, true],
    ['* may be empty at the root /GET/', `${API}/prod/GET/*`, `${API}/prod/GET/`, true],
    ['a single * covers the whole stage', `${API}/prod/*`, `${API}/prod/POST/a/b/c`, true],
    ['exact method ARN', `${API}/prod/GET/pets`, `${API}/prod/GET/pets`, true],
    ['exact root method ARN', `${API}/prod/GET/`, `${API}/prod/GET/`, true],
    ['…/prod/*/pets does not cover …/pets/123', `${API}/prod/*/pets`, `${API}/prod/GET/pets/123`, false],
    ['cached policy for another path', `${API}/prod/GET/user_info`, `${API}/prod/GET/orders`, false],
    ['test-invoke stage null', `${API}/null/*/*`, `${API}/prod/GET/x`, false],
    ['test-invoke stage ESTestInvoke-stage', `${API}/ESTestInvoke-stage/*/*`, `${API}/prod/GET/x`, false],
    ['verb is case-sensitive', `${API}/prod/get/pets`, `${API}/prod/GET/pets`, false],
    ['path is case-sensitive', `${API}/prod/GET/Pets`, `${API}/prod/GET/pets`, false],
    ['all wildcards', 'arn:aws:execute-api:*:*:*', `${API}/prod/GET/pets`, true],
    ['trailing * runs across colons', 'arn:aws:execute-api:*', `${API}/prod/GET/pets`, true],
    ['a lone *', '*', `${API}/prod/GET/pets`, true],
    [
      'wildcard region and account',
      'arn:aws:execute-api:*:*:abc123/prod/GET/*',
      `${API}/prod/GET/pets`,
      true,
    ],
    ['wrong API id', 'arn:aws:execute-api:*:*:xyz789/*', `${API}/prod/GET/pets`, false],
    ['wrong account', 'arn:aws:execute-api:us-east-1:444455556666:abc123/*', `${API}/prod/GET/pets`, false],
    ['wrong region', 'arn:aws:execute-api:eu-west-1:111122223333:abc123/*', `${API}/prod/GET/pets`, false],
    [
      'wrong partition',
      'arn:aws-cn:execute-api:us-east-1:111122223333:abc123/*',
      `${API}/prod/GET/pets`,
      false,
    ],
    ['? matches exactly one character', `${API}/prod/GE?/pets`, `${API}/prod/GET/pets`, true],
    ['? needs one character', `${API}/prod/GET/pets?`, `${API}/prod/GET/pets`, false],
    ['? in the stage', `${API}/prod?/GET/pets`, `${API}/prod1/GET/pets`, true],
    [
      '* mid-segment does not cross a colon',
      'arn:aws:execute-api:us-*-1:111122223333:abc123/*',
      `${API}/x/GET/`,
      true,
    ],
    [
      '* in the region segment cannot swallow the account',
      'arn:aws:execute-api:us*:abc123/*',
      `${API}/x/GET/`,
      false,
    ],
    ['regex metacharacters are literal', `${API}/prod/GET/a.c`, `${API}/prod/GET/abc`, false],
    ['parentheses and plus are literal', `${API}/prod/GET/(a+)`, `${API}/prod/GET/(a+)`, true],
    [
      'a colon inside the path stays in the resource segment',
      `${API}/prod/GET/*`,
      `${API}/prod/GET/a:b`,
      true,
    ],
    ['shorthand execute-api:/*', 'execute-api:/*', `${API}/prod/GET/pets`, true],
    ['shorthand with stage and verb', 'execute-api:/prod/GET/*', `${API}/prod/GET/pets/1`, true],
    ['shorthand, other verb', 'execute-api:/prod/GET/*', `${API}/prod/POST/pets`, false],
    ['shorthand, other stage', 'execute-api:/prod/*', `${API}/dev/GET/pets`, false],
    ['shorthand root', 'execute-api:/prod/GET/', `${API}/prod/GET/`, true],
    ['shorthand against a malformed ARN', 'execute-api:/*', 'not-an-arn', false],
    ['full ARN of an unrelated service', 'arn:aws:s3:::bucket/*', `${API}/prod/GET/pets`, false],
  ])('%s', (_name, pattern, methodArn, expected) => {
    expect(resourceMatches(pattern, methodArn)).toBe(expected);
  });

  it('returns the same answer when the compiled pattern comes from the cache', () => {
    const pattern = `${API}/prod/*/*`;
    expect(resourceMatches(pattern, `${API}/prod/GET/a`)).toBe(true);
    expect(resourceMatches(pattern, `${API}/prod/GET/a`)).toBe(true);
    expect(resourceMatches(pattern, `${API}/dev/GET/a`)).toBe(false);
  });

  it('keeps working after many distinct patterns have been compiled', () => {
    for (let index = 0; index < 5000; index += 1) {
      expect(resourceMatches(`${API}/stage${index}/*`, `${API}/stage${index}/GET/`)).toBe(true);
    }
  });
});

describe('arnMatches', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/admin', true],
    ['arn:aws:iam::*:role/admin', 'arn:aws:iam::111122223333:role/admin', true],
    ['arn:aws:iam::111122223333:role/admin', 'arn:aws:iam::111122223333:role/Admin', false],
    ['arn:aws:iam::111122223333:*', 'arn:aws:iam::111122223333:user/a', true],
  ])('%s vs %s → %s', (pattern, arn, expected) => {
    expect(arnMatches(pattern, arn)).toBe(expected);
  });
});

describe('globMatches', () => {
  it.each([
    ['o-abc*', 'o-abc123', false, true],
    ['o-abc*', 'o-xyz', false, false],
    ['o-???', 'o-abc', false, true],
    ['O-ABC', 'o-abc', false, false],
    ['O-ABC', 'o-abc', true, true],
    ['a*b', 'a/x/b', false, true],
    ['', '', false, true],
  ])('%s vs %s (ignoreCase %s) → %s', (pattern, value, ignoreCase, expected) => {
    expect(globMatches(pattern, value, ignoreCase)).toBe(expected);
  });
});

describe('globMatches against a regular expression of the same pattern', () => {
  // A small alphabet makes near misses common; the expression is the reference only on short strings.
  const alphabet = ['a', 'b', '/', '*', '?'];
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const reference = (pattern: string, value: string) => {
    const source = [...pattern].map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c === '/' ? '\\/' : c));
    return new RegExp(`^${source.join('')}$`).test(value);
  };

  it('agrees on 20,000 random pairs', () => {
    const next = random(2026);
    const word = (letters: string[], max: number) =>
      Array.from({ length: next() % (max + 1) }, () => letters[next() % letters.length]).join('');
    for (let i = 0; i < 20_000; i++) {
      const pattern = word(alphabet, 8);
      const value = word(['a', 'b', '/'], 10);
      expect([pattern, value, globMatches(pattern, value)]).toEqual([
        pattern,
        value,
        reference(pattern, value),
      ]);
    }
  });
});

describe('a value that does not fit a pattern of many stars', () => {
  // A regular expression of one `.*` per star tried every way to split such a value (over 20 s for these).
  const path = '/a'.repeat(20_000);

  it('is rejected, however long (a request path is the caller to choose)', () => {
    expect(globMatches('*a*a*a*a*a*b', 'a'.repeat(50_000))).toBe(false);
    // One star before a long run: every place the run could start was tried to its end (~0.7 s at 20,000).
    expect(globMatches(`*${'a'.repeat(25_000)}b*`, 'a'.repeat(50_000))).toBe(false);
    expect(globMatches(`*${'a?'.repeat(10_000)}b*`, 'a'.repeat(50_000))).toBe(false);
    expect(resourceMatches(`${API}/*/*/*/*/*/x`, `${API}/prod/GET${path}`)).toBe(false);
    expect(resourceMatches('execute-api:/*/*/*/*/*/x', `${API}/prod/GET${path}`)).toBe(false);
  });

  it('still matches when it fits', () => {
    expect(globMatches('*a*a*a*a*a*b', `${'a'.repeat(50_000)}b`)).toBe(true);
    expect(resourceMatches(`${API}/*/*/*/*/*/a`, `${API}/prod/GET${path}`)).toBe(true);
  });
});

describe('splitInto', () => {
  it.each([
    ['a/b/c/d/e/f', '/', 4, ['a', 'b', 'c', 'd/e/f']],
    ['a/b', '/', 4, ['a', 'b']],
    ['', '/', 4, ['']],
    ['a//b', '/', 2, ['a', '/b']],
    ['arn:aws:x', ':', 6, ['arn', 'aws', 'x']],
  ])('%s at %s into at most %i parts', (text, separator, count, parts) => {
    expect(splitInto(text, separator, count)).toEqual(parts);
  });

  it('keeps a path of 100,000 separators whole in its last part', () => {
    const path = '/x'.repeat(100_000);
    expect(splitInto(`api/prod/GET${path}`, '/', 4)).toEqual(['api', 'prod', 'GET', path.slice(1)]);
  });
});

describe('splitArn', () => {
  it('keeps colons after the fifth inside the sixth segment', () => {
    expect(splitArn(`${API}/prod/GET/a:b:c`)).toEqual([
      'arn',
      'aws',
      'execute-api',
      'us-east-1',
      '111122223333',
      'abc123/prod/GET/a:b:c',
    ]);
  });
});

describe('actionCovers', () => {
  it.each([
    ['execute-api:Invoke', true],
    ['execute-api:*', true],
    ['*', true],
    ['execute-api:Inv*', true],
    ['execute-api:Invoke*', true],
    ['execute-api:Inv?ke', true],
    ['EXECUTE-API:invoke', true],
    ['execute-api:invoke', true],
    ['execute-api:ManageConnections', false],
    ['execute-api:InvalidateCache', false],
    ['execute-api:Invoked', false],
    ['apigateway:*', false],
    ['lambda:InvokeFunction', false],
    ['', false],
  ])('%s → %s', (action, expected) => {
    expect(actionCovers(action)).toBe(expected);
  });
});
