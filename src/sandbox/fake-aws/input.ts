import { FakeAwsError } from './errors';

/** Reading a CloudWatch Logs JSON request; a field of the wrong type is a SerializationException, as on AWS. */
export type LogsInput = Record<string, unknown>;

export function optionalString(input: LogsInput, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(key);
  return value;
}

export function optionalNumber(input: LogsInput, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(key);
  return value;
}

export function optionalBoolean(input: LogsInput, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(key);
  return value;
}

export function optionalStrings(input: LogsInput, key: string): string[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw wrongType(key);
  return value as string[];
}

function wrongType(key: string): FakeAwsError {
  return new FakeAwsError('SerializationException', `Unexpected value type for field ${key}`);
}
