import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceFromBundle, evidenceFromInput, type EvidenceBundle } from '../../src/evidence/bundle';
import { linesOfOneRequest } from '../../src/evidence/focus';
import { parseLogText } from '../../src/evidence/log-lines';
import type { LogLine } from '../../src/evidence/types';
import { classify } from '../../src/classify/classify';

/**
 * A paste copied from the CloudWatch console lists the newest event first. Without timestamps that tell the order,
 * the order of the request's own steps (domain.md §6.4) does: several must agree, none may disagree.
 */

const ID = '7c1e2a9b-3d4f-4a5b-8c6d-9e0f1a2b3c4d';
const OTHER = '0b7c3e1a-9f2d-4c6b-8a5e-1d2f3a4b5c6d';
const URI =
  'https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:111122223333:function:orders-auth/invocations';
const ARN = 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/orders/7';

/** An authorizer that ran and returned a Deny, then the request's answer (INFO + data trace). */
const DENY = [
  'Extended Request Id: Tq3LxHq1DoEFd5g=',
  `Starting authorizer: x7k2pq for request: ${ID}`,
  'Incoming identity: ***************3d9a1f',
  `Endpoint request URI: ${URI}`,
  `Endpoint request body after transformations: {"type":"TOKEN","methodArn":"${ARN}","authorizationToken":"***3d9a1f"}`,
  `Sending request to ${URI}`,
  `Authorizer result body before parsing: {"principalId":"u-42","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"${ARN}"}]}}`,
  'Using valid authorizer policy for principal: ****u-42',
  'Successfully completed authorizer execution',
  'The client is not authorized to perform this operation.',
];

/** A request past its authorizer and API key, answered 403 by the backend. */
const PASSED = [
  'Extended Request Id: Tq3LxHq1DoEFd5g=',
  `Verifying Usage Plan for request: ${ID}. API Key: API Stage: a1b2c3d4e5/prod`,
  "API Key authorized because method 'GET /orders/{id}' does not require API Key. Request will not contribute to throttle or quota limits",
  'Usage Plan check succeeded for API Key and API Stage a1b2c3d4e5/prod',
  `Starting execution for request: ${ID}`,
  'HTTP Method: GET, Resource Path: /orders/7',
  'Method request path: {id=7}',
  'Received response. Status: 403, Integration latency: 41 ms',
  'Method completed with status: 403',
];

const wrapped = (messages: readonly string[], id = ID) => messages.map((m) => `(${id}) ${m}`);
const reversed = <T>(items: readonly T[]) => [...items].reverse();

function kept(text: readonly string[]): string[] {
  return linesOfOneRequest(parseLogText(text.join('\n'))).lines.map((line) => line.message);
}

function firstKept(text: readonly string[]): string | undefined {
  return kept(text)[0];
}

describe('a newest-first paste without timestamps is turned round by the order of its steps', () => {
  it.each([
    ['a whole authorizer trace', DENY, DENY[0]],
    ['the authorizer lines without the start or the answer', DENY.slice(2, 9), DENY[2]],
    ['from the identity to the answer', DENY.slice(2), DENY[2]],
    ['the execution part of a request that passed', PASSED.slice(1), PASSED[1]],
    ['the usage plan check to the integration', PASSED.slice(1, 8), PASSED[1]],
  ])('%s, pasted newest first', (_name, messages, first) => {
    expect(firstKept(reversed(wrapped(messages)))).toBe(first);
  });

  it.each([
    ['as written', DENY, DENY[0]],
    ['as written, only its middle', DENY.slice(2, 9), DENY[2]],
    ['as written, with the answer copied first', [DENY[9], ...DENY.slice(0, 9)], DENY[9]],
    ['as written, one line out of place', [DENY[2], DENY[1], ...DENY.slice(3)], DENY[2]],
    [
      'newest first, one line out of place (ambiguous)',
      [DENY[8], DENY[2], DENY[7], DENY[6], DENY[1]],
      DENY[8],
    ],
    ['only two steps, newest first (too few to tell)', reversed(DENY.slice(7, 9)), DENY[8]],
  ])('%s: left as given', (_name, messages, first) => {
    expect(firstKept(wrapped(messages))).toBe(first);
  });

  it('trusts rising timestamps over the steps', () => {
    const text = reversed(DENY.slice(2, 9)).map(
      (m, i) => `2026-11-24T09:00:00.${String(100 + i).padStart(3, '0')}Z (${ID}) ${m}`,
    );
    expect(firstKept(text)).toBe(DENY[8]);
  });

  it('turns round a console copy whose timestamps are all the same', () => {
    const text = reversed(DENY.slice(1)).map((m) => `2026-11-24T09:00:00.120+00:00 | (${ID}) ${m}`);
    expect(firstKept(text)).toBe(DENY[1]);
  });

  describe('several requests pasted together', () => {
    const denied = wrapped(DENY.slice(2, 9));
    const passed = wrapped(PASSED.slice(1), OTHER);
    const interleaved = passed.flatMap((line, i) => (i < denied.length ? [denied[i], line] : [line]));

    it.each([
      ['one after the other', [...reversed(denied), ...reversed(passed)]],
      ['interleaved', reversed(interleaved)],
    ])('%s, each newest first, are turned round', (_name, text) => {
      // The request that failed is kept, its lines in the order API Gateway wrote them.
      expect(kept(text)).toEqual(PASSED.slice(1));
    });

    it('as written, interleaved: left as given', () => {
      expect(kept(interleaved)).toEqual(PASSED.slice(1));
    });

    it('one newest first and one as written disagree: left as given', () => {
      expect(kept([...reversed(denied), ...passed])).toEqual(PASSED.slice(1));
      expect(kept([...denied, ...reversed(passed)])).toEqual(reversed(PASSED.slice(1)));
    });
  });

  it('gives the verdict of the paste as written', () => {
    const forward = classify(evidenceFromInput(wrapped(DENY.slice(1)).join('\n'), 'p'));
    const backward = classify(evidenceFromInput(reversed(wrapped(DENY.slice(1))).join('\n'), 'p'));
    expect(forward.cause).toBe('authorizer-explicit-deny');
    expect({ cause: backward.cause, confidence: backward.confidence }).toEqual({
      cause: forward.cause,
      confidence: forward.confidence,
    });
  });
});

describe('over the corpus traces, without their timestamps', () => {
  const cases = ['cases.json', 'cases-2026.json'].flatMap(
    (file) =>
      JSON.parse(readFileSync(join(__dirname, '..', 'corpus', file), 'utf8')) as Array<
        EvidenceBundle & { id: string }
      >,
  );
  const traces = cases
    .map((c) => ({ id: c.id, lines: untimed(evidenceFromBundle(c).trace.lines) }))
    .filter((c) => c.lines.length >= 2);

  function sameMessages(messages: readonly string[], lines: readonly LogLine[]): boolean {
    return messages.length === lines.length && lines.every((line, i) => line.message === messages[i]);
  }

  function untimed(lines: readonly LogLine[]): LogLine[] {
    return lines.map((line, index) => ({ ...line, index, timestamp: undefined }));
  }

  it.each(traces.map((c) => [c.id, c.lines] as const))('%s as written is left as given', (_id, lines) => {
    expect(linesOfOneRequest(lines).lines[0]?.message).toBe(lines[0].message);
  });

  it('turns the longer ones round when pasted newest first, or leaves them as given', () => {
    const long = traces.filter((c) => c.lines.length >= 4);
    const outcomes = long.map((c) => {
      const back = untimed(reversed(c.lines));
      const kept = linesOfOneRequest(back).lines.map((line) => line.message);
      if (sameMessages(kept, c.lines)) return 'turned';
      return sameMessages(kept, back) ? 'as given' : 'reordered otherwise';
    });
    expect(outcomes).not.toContain('reordered otherwise');
    // 13 of 21 today; the rest show fewer than three steps whose order is known (integration lines, errors).
    expect(outcomes.filter((outcome) => outcome === 'turned').length).toBeGreaterThanOrEqual(13);
  });
});
