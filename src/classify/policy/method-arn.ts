import { globMatches, isShorthandResource, resourceMatches, shorthandRest, splitArn } from './wildcard';
import { splitInto } from '../../split';
import { msg, type Message } from '../../text';

export interface MethodArn {
  partition: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  verb: string;
  /** Without leading slash; '' for the root resource. */
  path: string;
}

export type ArnSegment = 'partition' | 'service' | 'region' | 'account' | 'apiId' | 'stage' | 'verb' | 'path';

export interface ArnDifference {
  segment: ArnSegment;
  /** The pattern's text for this segment; '' when the pattern stops before it. */
  expected: string;
  actual: string;
}

/** Order in which segments appear in a method ARN; later = the pattern got further before differing. */
export const ARN_SEGMENT_ORDER: readonly ArnSegment[] = [
  'partition',
  'service',
  'region',
  'account',
  'apiId',
  'stage',
  'verb',
  'path',
];

/** The name of a segment, in the reader's language ("path", "stage"). */
export function segmentName(segment: ArnSegment): Message {
  return msg(`policy.segment.${segment}`);
}

export function isArnSegment(value: string): value is ArnSegment {
  return (ARN_SEGMENT_ORDER as readonly string[]).includes(value);
}

const PARTITION = /^aws(?:-[a-z]+)*$/;
const RESOURCE_PART_COUNT = 4;

/** `apiId/stage/verb/path`, the path with its own slashes. */
function splitResource(resource: string): string[] {
  return splitInto(resource, '/', RESOURCE_PART_COUNT);
}

/**
 * Parses `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path...}`.
 * The root resource ends in `/GET/` (path ''). Returns undefined for anything else.
 */
export function parseMethodArn(arn: string): MethodArn | undefined {
  const segments = splitArn(arn);
  if (segments.length !== 6) return undefined;
  const [prefix, partition, service, region, accountId, resource] = segments;
  if (prefix !== 'arn' || service !== 'execute-api' || !PARTITION.test(partition)) return undefined;
  if (region === '' || accountId === '') return undefined;
  const parts = splitResource(resource);
  if (parts.length !== RESOURCE_PART_COUNT) return undefined;
  const [apiId, stage, verb, path] = parts;
  if (apiId === '' || stage === '' || verb === '') return undefined;
  return { partition, region, accountId, apiId, stage, verb, path };
}

export function formatMethodArn(parts: MethodArn): string {
  const { partition, region, accountId, apiId, stage, verb, path } = parts;
  return `arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}/${verb}/${path}`;
}

type Field = readonly [ArnSegment, string];

/**
 * Compares pattern pieces to actual fields position by position. A last piece ending in `*` may cover the
 * remaining fields (joined by `separator`), as in `abc123/*`.
 */
function comparePieces(
  pieces: string[],
  fields: readonly Field[],
  separator: string,
): ArnDifference | undefined {
  for (const [index, [segment, actual]] of fields.entries()) {
    const piece = pieces[index];
    if (piece === undefined) return { segment, expected: '', actual };
    const spansRest = index === pieces.length - 1 && piece.endsWith('*') && index < fields.length - 1;
    const value = spansRest
      ? fields
          .slice(index)
          .map(([, text]) => text)
          .join(separator)
      : actual;
    if (!globMatches(piece, value)) return { segment, expected: piece, actual };
    if (spansRest) return undefined;
  }
  return undefined;
}

function resourceFields(resource: string): Field[] {
  const [apiId = '', stage = '', verb = '', path = ''] = splitResource(resource);
  return [
    ['apiId', apiId],
    ['stage', stage],
    ['verb', verb],
    ['path', path],
  ];
}

/**
 * The first segment where a policy Resource pattern fails to cover a method ARN, for messages such as
 * "your Allow says stage `null`, the request used `prod`". Undefined when the pattern matches.
 */
export function firstDifference(pattern: string, methodArn: string): ArnDifference | undefined {
  if (resourceMatches(pattern, methodArn)) return undefined;
  const [prefix = '', partition = '', service = '', region = '', account = '', resource = ''] =
    splitArn(methodArn);
  const resourceParts = resourceFields(resource);

  if (isShorthandResource(pattern)) {
    return comparePieces(splitResource(shorthandRest(pattern)), resourceParts.slice(1), '/');
  }

  const pieces = splitArn(pattern);
  const [patternPrefix = '', ...patternRest] = pieces;
  // A wrong `arn` prefix is rare enough to report against the partition, the first named segment.
  if (!globMatches(patternPrefix, prefix) && !(pieces.length === 1 && patternPrefix.endsWith('*'))) {
    return {
      segment: 'partition',
      expected: `${patternPrefix}:${patternRest[0] ?? ''}`,
      actual: `${prefix}:${partition}`,
    };
  }
  if (pieces.length === 1) return undefined;

  const colonFields: Field[] = [
    ['partition', partition],
    ['service', service],
    ['region', region],
    ['account', account],
  ];
  const colonPieces = patternRest.slice(0, colonFields.length);
  const colonDifference = comparePieces(colonPieces, colonFields, ':');
  if (colonDifference) return colonDifference;
  const lastColonPiece = colonPieces[colonPieces.length - 1] ?? '';
  if (patternRest.length <= colonFields.length && lastColonPiece.endsWith('*')) return undefined;

  const resourcePattern = patternRest[colonFields.length];
  if (resourcePattern === undefined) return { segment: 'apiId', expected: '', actual: resourceParts[0][1] };
  return comparePieces(splitResource(resourcePattern), resourceParts, '/');
}
