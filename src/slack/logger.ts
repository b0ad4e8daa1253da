import { ConsoleLogger, LogLevel, type Logger } from '@slack/logger';
import { redactText, redactValue } from '../redact';

/** Bolt's logger with everything redacted on the way out: logs leave the process too. */
export function redactingLogger(inner: Logger = new ConsoleLogger()): Logger {
  const clean = (args: unknown[]) =>
    args.map((arg) =>
      typeof arg === 'string'
        ? redactText(arg)
        : arg instanceof Error
          ? redactText(arg.stack ?? arg.message)
          : redactValue(arg),
    );
  return {
    debug: (...args: unknown[]) => inner.debug(...clean(args)),
    info: (...args: unknown[]) => inner.info(...clean(args)),
    warn: (...args: unknown[]) => inner.warn(...clean(args)),
    error: (...args: unknown[]) => inner.error(...clean(args)),
    setLevel: (level: LogLevel) => inner.setLevel(level),
    getLevel: () => inner.getLevel(),
    setName: (name: string) => inner.setName(name),
  };
}
