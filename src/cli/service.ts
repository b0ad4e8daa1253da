import type { CliIo } from './io';
import { loadAppConfig } from '../config/app-config';
import { Why403Service } from '../pipeline/service';

/** The engine for one CLI run, with the configuration file found the usual way. */
export function serviceFor(io: CliIo, configFile?: string): Why403Service {
  return new Why403Service({ config: loadAppConfig({ file: configFile, env: io.env, cwd: io.cwd }) });
}
