import { z } from 'zod';
import { issueText } from '../../src/config/issue-text';
import { localizer } from '../../src/render/localize';
import { msg } from '../../src/text';

/** The first problem zod finds in `value`, in English and in Traditional Chinese. */
function said(schema: z.ZodType, value: unknown): [string, string] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('the value was accepted');
  const text = issueText(result.error.issues[0]);
  return [localizer('en').t(text), localizer('zh-TW').t(text)];
}

const SlackUser = z.string().refine((key) => key.startsWith('U'), {
  message: 'zod words',
  params: { text: msg('config.user-key.invalid') },
});

describe("zod's problems with the configuration, in the reader's language", () => {
  it.each<[string, z.ZodType, unknown, string, string]>([
    ['a number expected', z.number(), 'lots', 'should be a number', '應為數字'],
    ['a whole number expected', z.number().int(), 2.5, 'should be a whole number', '應為整數'],
    ['true or false expected', z.boolean(), 'maybe', 'should be true or false', '應為 true 或 false'],
    ['a list expected', z.array(z.string()), 'prod', 'should be a list', '應為清單'],
    [
      'a mapping expected',
      z.record(z.string(), z.number()),
      [1],
      'should be a mapping (key: value)',
      '應為對應表（鍵: 值）',
    ],
    ['a number too small', z.number().min(1), 0, 'should be at least 1', '應大於或等於 1'],
    ['a number too big', z.number().max(50), 60, 'should be at most 50', '應小於或等於 50'],
    ['a number not above a bound', z.number().gt(0), 0, 'should be more than 0', '應大於 0'],
    ['a text too short', z.string().min(2), 'x', 'should have at least 2 characters', '長度應至少 2 個字元'],
    [
      'a text of one character too short',
      z.string().min(1),
      '',
      'should have at least 1 character',
      '長度應至少 1 個字元',
    ],
    [
      'a list too long',
      z.array(z.number()).max(2),
      [1, 2, 3],
      'should have at most 2 items',
      '應有至多 2 項',
    ],
    [
      'an unknown key',
      z.strictObject({}),
      { colour: 1 },
      'unknown key "colour"',
      '1 個不明的設定鍵：「colour」',
    ],
    [
      'unknown keys',
      z.strictObject({}),
      { a: 1, b: 2 },
      'unknown keys "a", "b"',
      '2 個不明的設定鍵：「a」、「b」',
    ],
    [
      'a value not allowed',
      z.enum(['fast', 'slow']),
      'soon',
      'should be one of "fast", "slow"',
      '應為下列其中之一：「fast」、「slow」',
    ],
    [
      'none of the forms of a union',
      z.union([z.literal('all'), z.literal('none'), z.array(z.string())]),
      'some',
      'should be "all" or "none" or a list',
      '應為「all」或「none」或清單',
    ],
    [
      'a record key our own check refuses',
      z.record(SlackUser, z.number()),
      { everyone: 1 },
      'is not a Slack user id (U0123ABCD) or "default"',
      '不是 Slack 使用者 ID（U0123ABCD）或「default」',
    ],
  ])('%s', (_what, schema, value, english, chinese) => {
    expect(said(schema, value)).toEqual([english, chinese]);
  });

  it("keeps zod's own words for a problem it has no message for", () => {
    expect(said(z.string().email(), 'nobody')[1]).toBe(
      z.string().email().safeParse('nobody').error?.issues[0].message,
    );
  });
});
