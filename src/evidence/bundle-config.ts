import type { ConfigFacts } from './types';
import { isRecord } from '../json';

/**
 * A bundle's `config`, in the shapes the SDK returns, read as forgivingly as a person writes it by hand or another
 * tool exports it: enum values in any case (`aws_iam`, `token`), booleans and numbers as text, a list given as its
 * one value (`"types": "PRIVATE"`) and identity sources as a list. Parts that are no object count as not given;
 * fields not listed here pass as they are.
 */
export function configFromBundle(value: unknown): ConfigFacts | undefined {
  if (!isRecord(value)) return undefined;
  const config: Record<string, unknown> = { ...value };
  for (const [part, read] of Object.entries(PARTS)) {
    if (!(part in config)) continue;
    config[part] = isRecord(config[part]) ? read({ ...config[part] }) : undefined;
  }
  return config as ConfigFacts;
}

type Fields = Record<string, unknown>;

const PARTS: Record<string, (fields: Fields) => Fields> = {
  authorizer: (a) => ({
    ...a,
    type: upper(a.type),
    identitySource: Array.isArray(a.identitySource)
      ? a.identitySource.map(String).join(', ')
      : a.identitySource,
    authorizerResultTtlInSeconds: number(a.authorizerResultTtlInSeconds),
    providerARNs: list(a.providerARNs),
  }),
  method: (m) => ({
    ...m,
    httpMethod: upper(m.httpMethod),
    authorizationType: upper(m.authorizationType),
    apiKeyRequired: boolean(m.apiKeyRequired),
  }),
  restApi: (r) => ({
    ...r,
    apiKeySource: upper(r.apiKeySource),
    endpointConfiguration: isRecord(r.endpointConfiguration)
      ? {
          ...r.endpointConfiguration,
          types: list(r.endpointConfiguration.types)?.map((type) => upper(type)),
          vpcEndpointIds: list(r.endpointConfiguration.vpcEndpointIds),
        }
      : undefined,
    disableExecuteApiEndpoint: boolean(r.disableExecuteApiEndpoint),
  }),
  stage: (s) => ({
    ...s,
    methodSettings: isRecord(s.methodSettings)
      ? Object.fromEntries(
          Object.entries(s.methodSettings).map(([key, setting]) => [
            key,
            isRecord(setting)
              ? {
                  ...setting,
                  loggingLevel: upper(setting.loggingLevel),
                  dataTraceEnabled: boolean(setting.dataTraceEnabled),
                }
              : {},
          ]),
        )
      : undefined,
    tracingEnabled: boolean(s.tracingEnabled),
  }),
};

function upper(value: unknown): unknown {
  return typeof value === 'string' ? value.toUpperCase() : value;
}

function number(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

function boolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : value;
}

function list(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}
