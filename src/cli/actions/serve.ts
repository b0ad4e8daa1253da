import { constants } from 'node:os';
import type { CliIo } from '../io';
import { note } from '../note';
import { msg } from '../../text';
import type { Localizer } from '../../render/localize';

export async function serveAction(options: { config?: string }, io: CliIo, l: Localizer): Promise<void> {
  const { readSlackSettings } = await import('../../slack/settings');
  const settings = readSlackSettings(io.env);
  const [{ serviceFor }, { createSlackBot }, { openSharedState }, { createLog }] = await Promise.all([
    import('../service'),
    import('../../slack/app'),
    import('../../slack/state'),
    import('../../log'),
  ]);
  const service = serviceFor(io, options.config);
  const log = createLog({ level: settings.logLevel });
  const state = await openSharedState(settings.redisUrl, log);
  const bot = createSlackBot({ settings, service, log, state });
  await bot.start();
  note(
    io,
    l.t(
      settings.mode === 'socket' ? msg('cli.serve.socket') : msg('cli.serve.http', { port: settings.port }),
    ),
  );
  await untilStopped(bot, io, l);
  await bot.close();
}

type StopSignal = 'SIGTERM' | 'SIGINT';
const STOP_SIGNALS: readonly StopSignal[] = ['SIGTERM', 'SIGINT'];

/**
 * The first SIGTERM or SIGINT stops taking requests and lets the diagnoses under way finish; a second one exits at
 * once. Handled here rather than left to Node's default: as PID 1 of a container without an init process, a signal
 * that has no handler is ignored, and `docker stop` would wait for its SIGKILL.
 */
async function untilStopped(
  bot: { stop(): Promise<void>; idle(): Promise<void> },
  io: CliIo,
  l: Localizer,
): Promise<void> {
  const signal = await nextSignal().received;
  note(io, l.t(msg('cli.serve.stopping', { signal })));
  const second = nextSignal();
  const stopped = bot
    .stop()
    .catch((error: unknown) => note(io, l.t(msg('cli.serve.close-failed', { error: String(error) }))))
    .then(() => bot.idle());
  const forced = await Promise.race([stopped.then(() => undefined), second.received]);
  second.cancel();
  if (forced === undefined) return;
  note(io, l.t(msg('cli.serve.exit-now', { signal: forced })));
  process.exit(128 + constants.signals[forced]);
}

/** The next stop signal; its listeners go once it has come, or on cancel. */
function nextSignal(): { received: Promise<StopSignal>; cancel(): void } {
  let listener: (signal: StopSignal) => void = () => undefined;
  const cancel = () => STOP_SIGNALS.forEach((name) => process.off(name, listener));
  const received = new Promise<StopSignal>((resolve) => {
    listener = (signal) => {
      cancel();
      resolve(signal);
    };
    STOP_SIGNALS.forEach((name) => process.on(name, listener));
  });
  return { received, cancel };
}
