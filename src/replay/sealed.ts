import { inspect } from 'node:util';
import { InputError } from '../errors';
import { msg } from '../text';

/**
 * The identity a person gives for a replay (a bearer token, an API key, the values of a REQUEST authorizer's
 * identity sources), sealed the moment it is read. Its values can be taken out only by name, for the one
 * TestInvokeAuthorizer call; anything that serialises or prints it (a log line, a job sent to another process, a
 * Redis key, an error report) sees `[identity withheld]` and nothing else.
 */

const WITHHELD = '[identity withheld]';
/** Longer than any header API Gateway accepts (10 KB in all): a file this long is not a token. */
const MAX_LENGTH = 16 * 1024;

export class SealedIdentity {
  readonly #single: string | undefined;
  readonly #named: ReadonlyMap<string, string>;

  private constructor(single: string | undefined, named: ReadonlyMap<string, string>) {
    this.#single = single;
    this.#named = named;
  }

  /** One value, for an authorizer with one identity source. */
  static single(value: string): SealedIdentity {
    return new SealedIdentity(value, new Map());
  }

  /** Values by identity source: its expression (`method.request.header.Authorization`) or its bare name. */
  static named(values: Readonly<Record<string, string>>): SealedIdentity {
    return new SealedIdentity(undefined, new Map(Object.entries(values)));
  }

  /**
   * What a file or standard input holds: a JSON object of identity sources and their values, or else one value (a
   * token) on one line. Refused, without quoting it, when empty, several lines, or too long to be a header.
   */
  static parse(text: string): SealedIdentity {
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') throw new InputError(msg('replay.identity.empty'), msg('replay.identity.hint'));
    if (trimmed.length > MAX_LENGTH)
      throw new InputError(msg('replay.identity.too-long', { max: MAX_LENGTH }), msg('replay.identity.hint'));
    if (trimmed.startsWith('{')) return SealedIdentity.named(parseObject(trimmed));
    if (/[\r\n]/.test(trimmed))
      throw new InputError(msg('replay.identity.lines'), msg('replay.identity.hint'));
    return SealedIdentity.single(trimmed);
  }

  /** One value was given, not named ones. */
  get isSingle(): boolean {
    return this.#single !== undefined;
  }

  /** The names given (never the values). */
  get names(): string[] {
    return [...this.#named.keys()];
  }

  /** The single value; undefined when values were given by name. */
  revealSingle(): string | undefined {
    return this.#single;
  }

  reveal(name: string): string | undefined {
    return this.#named.get(name);
  }

  /** Every value, for scrubbing them out of what AWS answers (the test invoke's log echoes them). */
  values(): string[] {
    return this.#single !== undefined ? [this.#single] : [...this.#named.values()];
  }

  toJSON(): string {
    return WITHHELD;
  }

  toString(): string {
    return WITHHELD;
  }

  [inspect.custom](): string {
    return WITHHELD;
  }
}

/** Whether a job still carries its identity (it does not after travelling to another process as JSON). */
export function isSealedIdentity(value: unknown): value is SealedIdentity {
  return value instanceof SealedIdentity;
}

function parseObject(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(msg('replay.identity.bad-json'), msg('replay.identity.hint'));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InputError(msg('replay.identity.bad-json'), msg('replay.identity.hint'));
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) throw new InputError(msg('replay.identity.empty'), msg('replay.identity.hint'));
  for (const [name, value] of entries) {
    if (typeof value !== 'string' || value.trim() === '')
      throw new InputError(msg('replay.identity.bad-value', { name }), msg('replay.identity.hint'));
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
