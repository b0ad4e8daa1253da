import type { Evidence, LogLine, RequestFacts } from '../evidence/types';
import { assembleEvidence } from '../evidence/assemble';
import { configForRequest, type ApiSnapshot } from '../gather/api-config';

/**
 * Evidence for one located request, with the configuration of the method it called: a first pass over the logs
 * tells which method and authorizer that was, the second assembles everything.
 */
export function evidenceWithConfig(parts: {
  lines: readonly LogLine[];
  request: Partial<RequestFacts>;
  snapshot?: ApiSnapshot;
  accessLog?: Record<string, unknown>;
  gaps?: string[];
}): Evidence {
  const { lines, accessLog, snapshot } = parts;
  const draft = assembleEvidence({ lines, accessLog, request: parts.request });
  const path = draft.request.methodArn?.split('/').slice(3).join('/');
  const config = snapshot
    ? configForRequest(snapshot, {
        httpMethod: draft.request.httpMethod,
        path: path === undefined ? undefined : `/${path}`,
        authorizerId: draft.trace.authorizer.started?.authorizerId,
      })
    : {};
  return assembleEvidence({
    lines,
    accessLog,
    request: parts.request,
    config,
    gaps: parts.gaps,
  });
}
