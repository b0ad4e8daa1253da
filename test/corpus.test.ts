import { classify } from '../src/classify/classify';
import { evidenceFromBundle, isNarrativeOnly } from '../src/evidence/bundle';
import { readGatewayMessage } from '../src/evidence/gateway-message';
import { parseResponse } from '../src/evidence/response';
import { accepted, loadCorpus, type CorpusCase } from './support/corpus';

/**
 * Every real-world case in test/corpus/ is classified from its readable fields only (test/corpus/README.md) and must
 * come out as its expected cause or an acceptable alternative.
 */

/**
 * Cases whose readable evidence is the same, for a classifier, as another case's with a different label: a client
 * response alone, no log line, no configuration. A deterministic classifier gives both the same answer, so one of
 * each pair can only be right by its candidates: the verdict must then be uncertain (not high) and list the
 * expected cause. The test proves the twins really are indistinguishable rather than trusting this list.
 */
const INDISTINGUISHABLE_TWINS: Record<string, string> = {
  // "User is not authorized to access this resource" and nothing else: the cache trap or a policy that never covered the method.
  'errors-guide-implicit-deny': 'kc-cached-policy-proxy-resource',
  // "User: anonymous is not authorized …" without a suffix: a private API's VPCE gap or a public IP allow-list miss.
  'private-api-notes-anonymous': 'sentiment-api-ip-whitelist',
  // 401 "Unauthorized": the Lambda said Unauthorized, or it was never called.
  'auth0-context-fail-unauthorized-401': 'loige-request-authorizer-no-header-401',
};

/** What a classifier can see of a case that has no log lines and no configuration. */
function readableSignature(c: CorpusCase): string {
  const message = readGatewayMessage(
    parseResponse({ status: c.status, body: c.response_body, errorType: c.error_type_header }),
  );
  const { resourceArn: _arn, ...kind } = message as { resourceArn?: string };
  return JSON.stringify({
    status: c.status,
    message: kind,
    log: (c.execution_log ?? []).length,
    accessLog: Boolean(c.access_log),
    config: Boolean(c.config),
  });
}

const cases = loadCorpus();
const readable = cases.filter((c) => !isNarrativeOnly(c));
const narrativeOnly = cases.filter((c) => isNarrativeOnly(c));

describe('Corpus: real-world evidence bundles', () => {
  it('is non-trivial: most cases carry readable evidence', () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(readable.length).toBeGreaterThan(cases.length / 2);
  });

  it.each(readable.filter((c) => !(c.id in INDISTINGUISHABLE_TWINS)).map((c) => [c.id, c] as const))(
    '%s is classified as its expected cause',
    (_id, c) => {
      const verdict = classify(evidenceFromBundle(c));
      expect(accepted(c)).toContain(verdict.cause);
    },
  );

  it.each(Object.entries(INDISTINGUISHABLE_TWINS))(
    '%s cannot be told from %s: uncertain verdict that lists the expected cause',
    (id, twinId) => {
      const c = readable.find((x) => x.id === id) as CorpusCase;
      const twin = readable.find((x) => x.id === twinId) as CorpusCase;
      expect(c).toBeDefined();
      expect(twin).toBeDefined();
      expect(readableSignature(c)).toBe(readableSignature(twin));
      expect(accepted(twin)).not.toContain(c.expected_cause);

      const verdict = classify(evidenceFromBundle(c));
      const twinVerdict = classify(evidenceFromBundle(twin));
      expect(accepted(twin)).toContain(twinVerdict.cause);
      expect(verdict.cause).toBe(twinVerdict.cause);
      expect(verdict.confidence).not.toBe('high');
      expect(verdict.candidates.map((candidate) => candidate.cause)).toContain(c.expected_cause);
      expect(verdict.settle.length).toBeGreaterThan(0);
    },
  );

  describe('narrative-only cases (no readable evidence beyond a status code) are skipped by name', () => {
    it.each(narrativeOnly.map((c) => [c.id, c] as const))('skipped: %s', (_id, c) => {
      expect(c.response_body ?? null).toBeNull();
      expect(c.execution_log ?? []).toHaveLength(0);
    });
  });
});
