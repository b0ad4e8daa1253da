import type { z } from 'zod';
import { joinTexts, msg, type Text } from '../text';
import type { MessageId } from '../render/messages';

/**
 * What a problem zod found in the configuration says, as a message in the reader's language. Our own checks carry
 * their message (`params.text`); zod's generic checks (a type, a bound, an unknown key) are put in words here from
 * the issue's fields, since zod's own wording is English. Anything else keeps zod's words.
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  const own = (issue as { params?: { text?: Text } }).params?.text;
  if (own !== undefined) return own;
  switch (issue.code) {
    case 'invalid_type':
      return msg('config.issue.type', { kind: kindOf(issue.expected) });
    case 'too_small':
      return boundText('min', issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return boundText('max', issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'unrecognized_keys':
      return msg('config.issue.unknown-keys', { count: issue.keys.length, keys: quoted(issue.keys) });
    case 'invalid_value':
      return msg('config.issue.one-of', { values: quoted(issue.values.map(String)) });
    case 'invalid_key':
      return issue.issues[0] ? issueText(issue.issues[0]) : issue.message;
    case 'invalid_union':
      return unionText(issue.errors);
    default:
      return issue.message;
  }
}

/** `at least 1`, `at most 50`, `at least 2 characters`: the bound of a number, a text or a list. */
function boundText(side: 'min' | 'max', origin: string, bound: number, inclusive: boolean): Text {
  const id =
    origin === 'string'
      ? 'config.issue.bound.text'
      : origin === 'array' || origin === 'set'
        ? 'config.issue.bound.list'
        : 'config.issue.bound.number';
  const strict = side === 'min' ? 'above' : 'below';
  return msg(id, { side: inclusive ? side : strict, bound });
}

/** `should be "all" or "none" or a list`: what each accepted form expected first. */
function unionText(forms: readonly (readonly z.core.$ZodIssue[])[]): Text {
  const expected = forms.map((issues) => issues[0]).map(formText);
  if (expected.some((form) => form === undefined)) return msg('config.issue.no-form');
  return msg('config.issue.type', { kind: joinTexts(expected as Text[], 'config.issue.or') as Text });
}

function formText(issue: z.core.$ZodIssue | undefined): Text | undefined {
  if (issue?.code === 'invalid_value') return quoted(issue.values.map(String));
  if (issue?.code === 'invalid_type') return kindOf(issue.expected);
  return undefined;
}

const KINDS: Readonly<Record<string, MessageId>> = {
  string: 'config.issue.kind.string',
  number: 'config.issue.kind.number',
  int: 'config.issue.kind.int',
  boolean: 'config.issue.kind.boolean',
  array: 'config.issue.kind.array',
  object: 'config.issue.kind.object',
  record: 'config.issue.kind.object',
};

/** A JSON/YAML type in words; zod's own name for any other. */
function kindOf(expected: string): Text {
  return Object.hasOwn(KINDS, expected) ? msg(KINDS[expected]) : expected;
}

/** `"a", "b"`, quoted as the reader's language quotes. */
function quoted(values: readonly string[]): Text {
  const each = values.map((value) => msg('config.issue.value', { value }));
  return joinTexts(each, 'config.issue.list') ?? '';
}
