import type { CliIo } from './io';
import { loadAppConfig, type AppConfig } from '../config/app-config';
import { InputError } from '../errors';
import { Why403Service } from '../pipeline/service';
import { msg } from '../text';

/** The engine for one CLI run, with the configuration file found the usual way. */
export function serviceFor(io: CliIo, configFile?: string): Why403Service {
  return new Why403Service({ config: configFor(io, configFile) });
}

/** The configuration file, or one line saying why it cannot be read (a directory, no permission). */
function configFor(io: CliIo, configFile?: string): AppConfig {
  try {
    return loadAppConfig({ file: configFile, env: io.env, cwd: io.cwd });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof InputError || code === undefined) throw error;
    const file = configFile ?? io.env.WHY403_CONFIG ?? 'why403.config.yml';
    throw new InputError(
      code === 'EISDIR'
        ? msg('cli.input.directory', { file })
        : code === 'EACCES' || code === 'EPERM'
          ? msg('cli.input.denied', { file })
          : msg('cli.input.unreadable', { file, detail: code }),
      msg('config.file.missing.hint'),
    );
  }
}
