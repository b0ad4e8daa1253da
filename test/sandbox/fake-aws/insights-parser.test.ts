import { parseQuery, type InsightsRecord } from '../../../src/sandbox/fake-aws/insights-parser';

const record = (message: string): InsightsRecord => ({
  '@timestamp': 0,
  '@message': message,
  '@logStream': 'stream-a',
  '@log': '123456789012:group',
});

function matches(query: string, message: string): boolean {
  return parseQuery(query).filters.every((test) => test(record(message)));
}

describe('fake CloudWatch Logs: the Insights subset', () => {
  it('reads fields, sort and limit', () => {
    expect(parseQuery('fields @timestamp, @message | sort @timestamp asc | limit 5')).toMatchObject({
      fields: ['@timestamp', '@message'],
      order: 'asc',
      limit: 5,
    });
    expect(parseQuery('filter @message like "x"')).toMatchObject({
      fields: ['@timestamp', '@message', '@logStream', '@log'],
      order: 'desc',
    });
  });

  it('keeps a | inside a regex or a string within its filter', () => {
    const query =
      'filter @message like /status: (401|403)|Unauthorized/ | filter @message like "a|b" or @message like "c"';

    expect(matches(query, 'status: 403 a|b')).toBe(true);
    expect(matches(query, 'Unauthorized c')).toBe(true);
    expect(matches(query, 'status: 403 ab')).toBe(false);
    expect(matches(query, 'status: 200 a|b')).toBe(false);
  });

  it('supports not, parentheses, =~, (?i), trailing flags and slashes in character classes', () => {
    expect(matches('filter not (@message like "a" and @message like "b")', 'a only')).toBe(true);
    expect(matches('filter @message not like "a"', 'a only')).toBe(false);
    expect(matches('filter @message =~ /(?i)DENIED/', 'access denied')).toBe(true);
    expect(matches('filter @message like /DENIED/i', 'access denied')).toBe(true);
    expect(matches('filter @message like /[/]orders\\/\\d+/', 'GET /orders/12')).toBe(true);
    expect(matches('filter @logStream like "stream-"', 'anything')).toBe(true);
  });

  it.each([
    'stats count(*)',
    'display @message',
    'fields @requestId',
    'filter @message like /[/',
    'filter @timestamp like "x"',
    'sort @message desc',
    'limit 0',
    'fields @message | | limit 1',
    'filter @message like "x" extra',
  ])('refuses %j with MalformedQueryException', (query) => {
    expect(() => parseQuery(query)).toThrow(expect.objectContaining({ code: 'MalformedQueryException' }));
  });
});
