import { parsePolicy } from '../classify/policy';
import { parseLogEvents } from '../evidence/log-lines';
import { buildTrace } from '../evidence/trace';
import type { LogLine } from '../evidence/types';
import { redactText } from '../redact';
import type { AuthorizerOutputSample } from './types';

/**
 * What a stage's recent authorizer calls returned, from the execution-log lines a filter pattern picked out:
 * per request, the authorizer that ran, the method ARN it was asked about and the Resources its policy allowed.
 * The line kept for quoting is redacted here, so no report ever holds the authorizer's context.
 */

/** The lines to fetch (a CloudWatch filter pattern: any of the three). */
export const AUTHORIZER_OUTPUT_PATTERN =
  '?"Starting authorizer:" ?"Endpoint request body after transformations:" ?"Authorizer result body before parsing:"';

export function authorizerOutputs(
  events: ReadonlyArray<{ message: string; timestamp: number }>,
): AuthorizerOutputSample[] {
  const byRequest = new Map<string, LogLine[]>();
  for (const line of parseLogEvents(events)) {
    if (!line.requestId) continue;
    const lines = byRequest.get(line.requestId) ?? [];
    lines.push(line);
    byRequest.set(line.requestId, lines);
  }
  const samples: AuthorizerOutputSample[] = [];
  for (const [requestId, lines] of byRequest) {
    const { authorizer } = buildTrace(lines);
    const result = authorizer.result;
    if (!result || result.parsed === undefined) continue;
    const parsed = parsePolicy(result.parsed);
    if (!parsed.ok) continue;
    const statements = parsed.policy.Statement;
    samples.push({
      requestId,
      authorizerId: authorizer.started?.authorizerId,
      methodArn: authorizer.methodArn,
      allowResources: statements.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Resource ?? []),
      hasDeny: statements.some((s) => s.Effect === 'Deny'),
      // Quoted in reports: the authorizer's context (emails, tenants, tokens) never leaves redaction.
      line: redactText(result.line.message),
    });
  }
  return samples;
}
