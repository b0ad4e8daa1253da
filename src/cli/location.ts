import { InputError } from '../errors';
import { clipTyped, parseInvokeUrl } from '../config/ids';
import { parseTypedTime } from '../time';
import { parseDuration } from '../config/duration';
import { msg, typed } from '../text';
import type { Localizer } from '../render/localize';
import type { CliIo } from './io';
import { note } from './note';

/** Where a command looks: what `--api`, `--stage` and `--region` say. */
export interface ApiLocation {
  api?: string;
  stage?: string;
  region?: string;
}

/**
 * An invoke URL pasted for the API (`--api https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/pets`) names
 * the API, its region and the stage: each is taken from it, said on stderr, and refused where an option given beside
 * it says otherwise. A URL given for the stage is refused with the options to type instead.
 */
export function fromInvokeUrl<T extends ApiLocation>(options: T, io: CliIo, l: Localizer): T {
  const stageUrl = options.stage === undefined ? undefined : parseInvokeUrl(options.stage);
  if (stageUrl)
    throw new InputError(
      msg('cli.location.stage-url', { value: typed(clipTyped((options.stage ?? '').trim())) }),
      msg('cli.location.stage-url.hint', { options: optionsOf(stageUrl) }),
    );
  const url = options.api === undefined ? undefined : parseInvokeUrl(options.api);
  if (!url) return options;
  const region = agreeing('--region', options.region, url.region);
  const stage = agreeing('--stage', options.stage, url.stage);
  note(io, l.t(msg('cli.location.from-url', { options: optionsOf({ ...url, stage }) })));
  return { ...options, api: url.restApiId, region, stage };
}

/** The option's value, or the URL's when the option was not given; both given and different is refused. */
function agreeing(
  option: string,
  given: string | undefined,
  fromUrl: string | undefined,
): string | undefined {
  if (given === undefined || fromUrl === undefined || given.trim().toLowerCase() === fromUrl.toLowerCase())
    return given ?? fromUrl;
  throw new InputError(
    msg('cli.location.conflict', { option, given: typed(clipTyped(given.trim())), fromUrl }),
    msg('cli.location.conflict.hint', { option, fromUrl }),
  );
}

function optionsOf(url: { restApiId: string; region: string; stage?: string }): string {
  return [`--api ${url.restApiId}`, url.stage && `--stage ${url.stage}`, `--region ${url.region}`]
    .filter(Boolean)
    .join(' ');
}

/**
 * The window's options read as a person meant them: a time given to `--since` (which takes a duration) is refused
 * with the `--at` to type, and an `--at` in the future (a local time read as UTC, a typo in the year) is refused
 * before a search that could find nothing. A few minutes ahead is a clock's skew, not a mistake. A negative `--since`
 * and a duration given to `--at` are refused with what was meant.
 */
export function checkWindow(
  options: { since?: string; at?: string },
  command: { takesAt: boolean },
  now: number = Date.now(),
): void {
  const since = options.since?.trim() ?? '';
  const sinceTime = /^\d{4}-\d\d/.test(since) ? parseTypedTime(since) : undefined;
  if (sinceTime !== undefined) {
    const hours = Math.max(1, Math.ceil((now - sinceTime) / 3_600_000));
    throw new InputError(
      msg('cli.since.is-time', { value: typed(clipTyped(since)) }),
      command.takesAt
        ? msg('cli.since.is-time.hint', { value: since })
        : msg('cli.since.is-time.back-hint', { duration: `${hours}h` }),
    );
  }
  const back = since.startsWith('-') ? durationIn(since.slice(1)) : undefined;
  if (back !== undefined)
    throw new InputError(
      msg('cli.since.negative', { value: typed(clipTyped(since)) }),
      msg('config.did-you-mean', { text: `--since ${back}` }),
    );
  const atText = options.at?.trim() ?? '';
  const duration = durationIn(atText.replace(/^-/, ''));
  if (duration !== undefined)
    throw new InputError(
      msg('cli.at.is-duration', { value: typed(clipTyped(atText)) }),
      msg('cli.at.is-duration.hint', { duration }),
    );
  const at = options.at === undefined ? undefined : parseTypedTime(options.at);
  if (at !== undefined && at > now + 5 * 60_000)
    throw new InputError(
      msg('cli.at.future', { value: typed(clipTyped((options.at ?? '').trim())) }),
      msg('cli.at.future.hint'),
    );
}

/** The text, trimmed, when it is a duration as `--since` takes it (`2h`, `30m`); else undefined. */
function durationIn(text: string): string | undefined {
  try {
    parseDuration(text);
    return text.trim();
  } catch {
    return undefined;
  }
}
