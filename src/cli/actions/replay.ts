import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReplayOptions } from '../commands/replay';
import { useColor, type CliIo } from '../io';
import { note } from '../note';
import { ExitStatus, InputError } from '../../errors';
import { checkWindow, fromInvokeUrl } from '../location';
import { toJsonText } from '../../render/json';
import type { Localizer } from '../../render/localize';
import { validateRequestId } from '../../config/ids';
import { SealedIdentity } from '../../replay/sealed';
import { msg } from '../../text';

/** `args`: the words commander found after `replay`, which must be the request id alone. */
export async function replayAction(
  requestId: string,
  args: readonly string[],
  options: ReplayOptions,
  io: CliIo,
  l: Localizer,
): Promise<void> {
  if (args.length !== 1 || requestId.startsWith('-'))
    throw new InputError(msg('replay.identity.on-command-line'), msg('replay.identity.on-command-line.hint'));
  const id = quietRequestId(requestId);
  if (options.identityFile === undefined)
    throw new InputError(msg('replay.identity.required'), msg('replay.identity.required.hint'));
  const where = fromInvokeUrl(options, io, l);
  checkWindow(options, { takesAt: true });
  const identity = SealedIdentity.parse(await readIdentity(options.identityFile, io));
  const [{ serviceFor }, { runReplay }, { renderReplayText, replayJson }] = await Promise.all([
    import('../service'),
    import('../../replay/run'),
    import('../../render/replay'),
  ]);
  const service = serviceFor(io, options.config);
  const replay = await runReplay(service, {
    query: {
      requestId: id,
      restApiId: where.api,
      stage: where.stage,
      region: where.region,
      since: options.since,
      at: options.at,
    },
    identity,
    authorizerId: options.authorizer,
    methodArn: options.methodArn,
    onProgress: (message) => note(io, l.t(message)),
  });
  io.stdout.write(
    options.json
      ? toJsonText(replayJson(replay, l))
      : renderReplayText(
          replay,
          { style: { color: useColor(io) }, from: options.identityFile === '-' ? 'stdin' : 'file' },
          l,
        ),
  );
  // The replay ran but did not allow the method: the answer is printed, the exit status says so (1).
  if (replay.result.outcome !== 'allowed') throw new ExitStatus(l.t(msg('replay.exit')));
}

/** The request id, or a refusal that does not repeat what was typed (it may have been the token). */
function quietRequestId(value: string): string {
  try {
    return validateRequestId(value);
  } catch {
    throw new InputError(msg('replay.request-id.invalid'), msg('replay.request-id.invalid.hint'));
  }
}

/** The identity from a file or standard input (`-`), never echoed: not even the file name, in case it was the token. */
async function readIdentity(file: string, io: CliIo): Promise<string> {
  if (file === '-') {
    if (io.stdin.isTTY)
      throw new InputError(msg('replay.identity.required'), msg('replay.identity.required.hint'));
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin as AsyncIterable<Buffer | string>)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
  const path = resolve(io.cwd, file);
  try {
    if ((await stat(path)).isDirectory()) throw new Error('a directory');
    return await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(
      msg(missing ? 'replay.identity.no-file' : 'replay.identity.unreadable'),
      msg('replay.identity.no-file.hint'),
    );
  }
}
