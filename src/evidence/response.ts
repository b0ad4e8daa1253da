import type { ClientResponse } from './types';
import { parseJson } from '../json';
import { isSignatureRejection } from './gateway-message';

/**
 * The client-visible response (domain.md §6.1). Bodies arrive as JSON with `message` or `Message` (case differs
 * between error types and sources), pretty-printed, as a bare fragment (`"message": "…"`), as plain text, or as
 * an HTML page from CloudFront. Read the key case-insensitively and keep the text when there is no JSON.
 */

/**
 * `"message": …` in a fragment, or as a console or a Python client prints the object (`{message: null}`,
 * `{'message': None}`).
 */
const MESSAGE_FRAGMENT =
  /(?:"message"|'message'|\bmessage)\s*:\s*(?:(?<null>null|None)\b|"(?<text>(?:[^"\\]|\\.)*)"|'(?<single>(?:[^'\\]|\\.)*)')/i;
const HTML = /<!DOCTYPE html|<html[\s>]|ERROR: The request could not be satisfied/i;
const HTML_TITLE = /<(?:h1|title)>(?<title>[^<]+)</i;
const XML_MESSAGE = /<Message>(?<text>[^<]{0,2000})<\/Message>/;
/** S3's `<Error><Code>AccessDenied</Code>…` and the query protocol's `<ErrorResponse><Error>…<Code>…`. */
const XML_ERROR_CODE = /<Code>(?<code>[A-Za-z][\w.]{0,99})<\/Code>/;

export interface ResponseInput {
  status?: number | null;
  body?: string | null;
  errorType?: string | null;
}

export function parseResponse(input: ResponseInput): ClientResponse | undefined {
  const status = typeof input.status === 'number' ? input.status : undefined;
  const errorType = normaliseErrorType(input.errorType);
  const body = typeof input.body === 'string' ? input.body : undefined;
  if (status === undefined && errorType === undefined && body === undefined) return undefined;
  const html = body !== undefined && HTML.test(body);
  const parsed = body === undefined || html ? undefined : parseJson(body);
  return {
    status,
    errorType,
    body,
    message: body === undefined ? undefined : readMessage(body, html, parsed),
    html,
    serviceError: body === undefined || html ? undefined : serviceErrorCode(body, parsed, status),
  };
}

/** API Gateway's own answers are JSON with a `message`; these documents are another AWS service's. */
function serviceErrorCode(body: string, parsed: unknown, status: number | undefined): string | undefined {
  if (body.includes('<Error>')) return XML_ERROR_CODE.exec(body)?.groups?.code;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { __type: type, errors } = parsed as Record<string, unknown>;
  if (typeof type === 'string' && type.length > 0 && !gatewaySignatureRejection(parsed, status))
    return type.slice(type.lastIndexOf('#') + 1);
  return graphQlErrorType(errors);
}

/**
 * API Gateway has answered a bad SigV4 signature with a `__type` document too (`{"__type":"#SignatureDoesNotMatch",
 * "message":"Credential should be scoped to a valid region, …"}`, aws/aws-sdk-js#792): such a rejection names no
 * service, so it is another service's only when its status is not API Gateway's 403 (JSON-protocol services answer 400).
 */
function gatewaySignatureRejection(parsed: unknown, status: number | undefined): boolean {
  const message = messageOf(parsed);
  return (
    (status === undefined || status === 403) && typeof message === 'string' && isSignatureRejection(message)
  );
}

/** A GraphQL answer's `errors` (AppSync's `[{"errorType": "UnauthorizedException", …}]`): no REST API writes one. */
function graphQlErrorType(errors: unknown): string | undefined {
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const type =
    first !== null && typeof first === 'object' ? (first as Record<string, unknown>).errorType : undefined;
  return typeof type === 'string' && type.length > 0 ? type : undefined;
}

/** `x-amzn-ErrorType` may carry a `:http://internal.amazon.com/…` suffix. */
/**
 * `x-amzn-ErrorType`'s type: without the `:http://internal.amazon.com/coral/…` suffix API Gateway may add, and
 * without the header's name when the whole header line was given; a type API Gateway answers in its own spelling.
 */
function normaliseErrorType(value: string | null | undefined): string | undefined {
  const type = value?.trim().replace(ERROR_TYPE_HEADER, '').split(':')[0].trim();
  if (!type) return undefined;
  return GATEWAY_ERROR_TYPES.find((known) => known.toLowerCase() === type.toLowerCase()) ?? type;
}

const ERROR_TYPE_HEADER = /^x-amzn-errortype\s*:\s*/i;

/** The error types of API Gateway's gateway responses (and the services' own that rules read). */
const GATEWAY_ERROR_TYPES = [
  'AccessDeniedException',
  'AuthorizerConfigurationException',
  'AuthorizerFailureException',
  'BadRequestException',
  'ExpiredTokenException',
  'ForbiddenException',
  'IncompleteSignatureException',
  'InternalServerErrorException',
  'InvalidSignatureException',
  'LimitExceededException',
  'MissingAuthenticationTokenException',
  'NotFoundException',
  'TooManyRequestsException',
  'UnauthorizedException',
];

/** `parsed`: the body read as JSON (undefined when it is not JSON). */
function readMessage(body: string, html: boolean, parsed: unknown): string | null | undefined {
  if (html) return HTML_TITLE.exec(body)?.groups?.title?.trim() ?? 'The request could not be satisfied';
  if (parsed !== undefined) {
    if (typeof parsed === 'string') return parsed;
    const fromObject = messageOf(parsed);
    if (fromObject !== undefined) return fromObject;
  }
  const xmlMessage = body.includes('<Error>') ? XML_MESSAGE.exec(body)?.groups?.text : undefined;
  if (xmlMessage !== undefined) return xmlMessage.trim();
  const fragment = MESSAGE_FRAGMENT.exec(body)?.groups;
  if (fragment) return fragment.null ? null : unescapeJsonString(fragment.text ?? fragment.single ?? '');
  const text = body.trim();
  return text.length > 0 ? text : undefined;
}

function messageOf(value: unknown): string | null | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const [key, field] of Object.entries(value)) {
    if (key.toLowerCase() !== 'message') continue;
    if (field === null) return null;
    if (typeof field === 'string') return field;
  }
  return undefined;
}

function unescapeJsonString(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}
