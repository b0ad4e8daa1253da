import type { Evidence, LogLine, RequestFacts, SearchReport, SourceReport } from '../evidence/types';
import type { Text } from '../text';
import { assembleEvidence } from '../evidence/assemble';
import { configForRequest, type ApiSnapshot } from '../gather/api-config';

/**
 * Evidence for one located request, with the configuration of the method it called: a first pass over the logs
 * (or the access-log record) tells which method and authorizer that was, the second assembles everything.
 */
export function evidenceWithConfig(parts: {
  lines: readonly LogLine[];
  request: Partial<RequestFacts>;
  snapshot?: ApiSnapshot;
  accessLog?: Record<string, unknown>;
  search?: SearchReport;
  sources?: SourceReport;
  gaps?: readonly Text[];
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
    search: parts.search,
    sources: { ...snapshot?.sources, ...parts.sources },
    gaps: parts.gaps,
  });
}
