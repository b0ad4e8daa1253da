import { InputError } from '../errors';
import {
  requestIdsIn,
  validateRequestId,
  validateRestApiId,
  validateStage,
  withoutEdgeMarks,
} from '../config/ids';
import { parseDuration } from '../config/duration';
import { msg, typed, type Text } from '../text';
import { unescapeEntities } from '../entities';

/** What `/why403 …` asked for. Bad input becomes a short usage message, never an AWS call. */
export type CommandRequest =
  | { kind: 'help' }
  | { kind: 'diagnose'; requestId: string; restApiId?: string; stage?: string; since?: string }
  | { kind: 'scan'; restApiId: string; stage?: string; since?: string }
  | { kind: 'doctor'; restApiId: string; stage?: string }
  | { kind: 'invalid'; problem: Text };

const FLAG = /^--(api|stage|since)$/;

export function parseCommand(text: string | undefined): CommandRequest {
  const words = typedText(text ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || ['help', '-h', '--help'].includes(words[0].toLowerCase()))
    return { kind: 'help' };
  try {
    const { positional, flags } = splitFlags(words);
    if (positional[0]?.toLowerCase() === 'api') return scanRequest(positional.slice(1), flags);
    if (positional[0]?.toLowerCase() === 'doctor') return doctorRequest(positional.slice(1), flags);
    if (positional.length !== 1)
      throw new InputError(
        positional.length === 0
          ? msg('slack.command.no-id')
          : msg('slack.command.one-id', { got: typed(shown(positional.join(' '))) }),
      );
    return {
      kind: 'diagnose',
      requestId: validateRequestId(unwrapped(positional[0])),
      restApiId: flags.api === undefined ? undefined : validateRestApiId(flags.api),
      stage: flags.stage === undefined ? undefined : validateStage(flags.stage),
      since: checkedDuration(flags.since),
    };
  } catch (error) {
    if (error instanceof InputError) return { kind: 'invalid', problem: error.problem };
    throw error;
  }
}

function scanRequest(args: string[], flags: Record<string, string>): CommandRequest {
  if (args.length === 0 || args.length > 2) throw new InputError(msg('slack.command.api-args'));
  return {
    kind: 'scan',
    restApiId: validateRestApiId(args[0]),
    stage:
      args[1] === undefined
        ? flags.stage === undefined
          ? undefined
          : validateStage(flags.stage)
        : validateStage(args[1]),
    since: checkedDuration(flags.since),
  };
}

function doctorRequest(args: string[], flags: Record<string, string>): CommandRequest {
  if (args.length === 0 || args.length > 2 || flags.since !== undefined || flags.api !== undefined)
    throw new InputError(msg('slack.command.doctor-args'));
  const stage = args[1] ?? flags.stage;
  return {
    kind: 'doctor',
    restApiId: validateRestApiId(args[0]),
    stage: stage === undefined ? undefined : validateStage(stage),
  };
}

function splitFlags(words: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('--')) {
      positional.push(word);
      continue;
    }
    const name = FLAG.exec(word)?.[1];
    if (!name) throw new InputError(msg('slack.command.unknown-option', { option: typed(shown(word)) }));
    const value = words[++i];
    if (value === undefined || value.startsWith('--'))
      throw new InputError(msg('slack.command.needs-value', { option: word }));
    flags[name] = value;
  }
  return { positional, flags };
}

/**
 * Text as a person typed it. Slack sends a command's &, < and > as HTML entities (they are shown, and escaped again,
 * when quoted back); invisible characters (zero-width spaces and joiners, direction overrides that a copy from a web
 * page or a chat brings along) are dropped, and control characters separate words.
 */
export function typedText(text: string): string {
  return visibleText(unescapeEntities(text));
}

function visibleText(text: string): string {
  return text.replace(/\p{Cf}/gu, '').replace(/\p{Cc}/gu, ' ');
}

/** A request id typed into a modal's input (not entity-encoded), read as the command reads one. */
export function typedRequestId(text: string): string {
  return validateRequestId(unwrapped(visibleText(text).trim()));
}

/**
 * A request id as people paste it: in backticks or quotes, in brackets, or ending a sentence. Only a word that is
 * a request id once such marks are taken off either end is unwrapped; anything else is checked as typed.
 */
function unwrapped(word: string): string {
  const inner = withoutEdgeMarks(word);
  return requestIdsIn(inner)[0] === inner.toLowerCase() ? inner : word;
}

/** Words quoted back in a problem: one short line, whatever was typed. */
function shown(words: string): string {
  // Cut between characters: half an emoji is a character no one typed (and a lone surrogate in Slack's JSON).
  return words.length > 80 ? `${words.slice(0, 77).replace(/[\uD800-\uDBFF]$/, '')}…` : words;
}

function checkedDuration(value: string | undefined): string | undefined {
  if (value !== undefined) parseDuration(value);
  return value;
}

/** Request ids and API ids mentioned in free text (a mention, a thread's first message). */
export function findIds(text: string): { requestIds: string[]; restApiIds: string[] } {
  const requestIds = requestIdsIn(text);
  const fromUrls = [...text.matchAll(/\b([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com/g)].map(
    (m) => m[1],
  );
  // "api abc123defg": an API id has digits; ten-letter words ("api production") are prose.
  const fromWords = [...text.matchAll(/\bapi[\s:=]+([a-z0-9]{10})\b/gi)]
    .map((m) => m[1])
    .filter((id) => /\d/.test(id));
  return { requestIds, restApiIds: [...new Set([...fromUrls, ...fromWords])] };
}
