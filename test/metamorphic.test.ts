import { isNarrativeOnly } from '../src/evidence/bundle';
import { loadCorpus, type CorpusCase } from './support/corpus';
import {
  outcomesOf,
  SYNTHETIC_REQUEST_ID,
  variantsOf,
  violationKey,
  violationsOf,
  type Invariant,
} from './support/metamorphic';

/**
 * Every corpus case, re-wrapped in each log format the reader accepts, damaged as pastes are (masked ids, a message
 * split over two lines, the trace flattened into one paragraph, lines of an unrelated request interleaved), and with
 * each line dropped or cut short with `...` in turn (test/support/metamorphic.ts). Invariants:
 * - a re-wrap never changes the cause;
 * - dropping or cutting a line never raises the confidence;
 * - no variant, the stored case included, is high and wrong.
 */

interface KnownViolation {
  id: string;
  transform: string;
  invariant: Invariant;
  seen: string;
}

/**
 * Violations today's engine still commits, each with what it answered. A ratchet: every entry must still occur, so
 * the test fails (and asks for the entry to go) when a change fixes one; a violation not listed here fails too.
 */
const KNOWN_VIOLATIONS: readonly KnownViolation[] = [];

const cases = loadCorpus().filter((c) => !isNarrativeOnly(c));
const known = new Map(KNOWN_VIOLATIONS.map((v) => [violationKey(v), v]));

function describeViolation(v: { id: string; transform: string; invariant: Invariant; seen: string }): string {
  return `${violationKey(v)}: ${v.seen}`;
}

describe('Metamorphic invariants over the corpus', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s keeps its invariants under every variant', (_id, c) => {
    const violations = violationsOf(c, outcomesOf(c));
    const unexpected = violations.filter((v) => !known.has(violationKey(v))).map(describeViolation);
    const occurring = new Set(violations.map(violationKey));
    const fixed = KNOWN_VIOLATIONS.filter((v) => v.id === c.id && !occurring.has(violationKey(v))).map(
      (v) => `${describeViolation(v)} no longer occurs: remove it from KNOWN_VIOLATIONS`,
    );
    expect(unexpected).toEqual([]);
    expect(fixed).toEqual([]);
  });

  it('lists known violations only for cases and variants that exist', () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const v of KNOWN_VIOLATIONS) {
      const c = byId.get(v.id);
      expect(c).toBeDefined();
      expect(variantsOf(c as CorpusCase).map((variant) => variant.transform)).toContain(v.transform);
    }
    expect(known.size).toBe(KNOWN_VIOLATIONS.length);
  });
});

describe('Metamorphic transformations', () => {
  const REQUEST = '9cef3834-f42c-46d7-83fe-a6401a431398';
  const sample: CorpusCase = {
    id: 'sample',
    source: 'test fixture',
    expected_cause: 'identity-source-missing',
    status: 401,
    response_body: '{"message":"Unauthorized"}',
    error_type_header: 'UnauthorizedException',
    execution_log: [
      `2026-01-10T11:04:45.964Z (${REQUEST}) Extended Request Id: W9zMPGrHtjMEeFw=`,
      `2026-01-10T11:04:45.966Z (${REQUEST}) Starting authorizer: 4hugyv for request: ${REQUEST}`,
      `2026-01-10T11:04:45.966Z (${REQUEST}) Unauthorized request: ${REQUEST}`,
    ],
  };
  const variants = new Map(variantsOf(sample).map((v) => [v.transform, v]));
  const lines = (transform: string) => {
    const variant = variants.get(transform);
    expect(variant).toBeDefined();
    return variant?.evidence().trace.lines ?? [];
  };

  it('re-wraps the trace in every supported format without losing a line or the request id', () => {
    for (const transform of [
      'cloudwatch',
      'iso-export',
      'console-one-line',
      'console-two-line',
      'log-tail',
      'pasted-text',
      'filter-log-events',
      'bundle-json',
    ]) {
      const read = lines(transform);
      expect(read.map((line) => line.message)).toEqual([
        'Extended Request Id: W9zMPGrHtjMEeFw=',
        `Starting authorizer: 4hugyv for request: ${REQUEST}`,
        `Unauthorized request: ${REQUEST}`,
      ]);
      expect(read.every((line) => line.requestId === REQUEST)).toBe(true);
    }
  });

  it('masks every request id, flattens, splits, interleaves, drops and elides', () => {
    expect(lines('mask-ids').every((line) => line.requestId === '*'.repeat(REQUEST.length))).toBe(true);
    expect(lines('mask-ids').some((line) => line.raw.includes(REQUEST))).toBe(false);
    // The parser takes a flattened trace apart again, and joins a sentence the paste broke in two.
    expect(
      lines('flatten')
        .map((line) => line.raw)
        .every((raw) => !raw.includes('\n')),
    ).toBe(true);
    expect(lines('flatten').map((line) => line.message)).toEqual(
      lines('cloudwatch').map((line) => line.message),
    );
    expect(lines('split-line:1').map((line) => line.raw)[1]).toContain('\n');
    expect(lines('split-line:1').map((line) => line.message)[1]).toBe(
      `Starting authorizer: 4hugyv for request: ${REQUEST}`,
    );
    // The unrelated request's lines are added, and the evidence keeps only the failed request's.
    expect(lines('interleave-unrelated').map((line) => line.message)).toEqual(
      lines('cloudwatch').map((line) => line.message),
    );
    expect(lines('drop-line:2').map((line) => line.message)).not.toContain(
      `Unauthorized request: ${REQUEST}`,
    );
    expect(lines('elide-line:1')[1].message).toBe('Starting authorizer: 4hugyv for request: ...');
  });

  it('gives a trace that printed no request id one, and a response-only case only its bundle forms and shapes', () => {
    const bare = {
      ...sample,
      execution_log: ['Extended Request Id: W9zMPGrHtjMEeFw=', 'Unauthorized request: x'],
    };
    const cloudwatch = variantsOf(bare).find((v) => v.transform === 'cloudwatch');
    expect(cloudwatch?.evidence().trace.lines[0].requestId).toBe(SYNTHETIC_REQUEST_ID);
    expect(variantsOf({ ...sample, execution_log: [] }).map((v) => v.transform)).toEqual([
      'baseline',
      'bundle-json',
      'reshape-status-text',
      'reshape-body-object',
      'reshape-error-type-header-line',
    ]);
  });

  it('finds a violation when one is planted', () => {
    const wrong: CorpusCase = { ...sample, expected_cause: 'waf-block', acceptable_alternatives: [] };
    const planted = violationsOf(wrong, [
      { transform: 'baseline', family: 'baseline', cause: 'identity-source-missing', confidence: 'high' },
      { transform: 'cloudwatch', family: 'rewrap', cause: 'other', confidence: 'low' },
      { transform: 'drop-line:0', family: 'removal', cause: 'identity-source-missing', confidence: 'high' },
    ]);
    expect(planted.map(violationKey)).toEqual([
      'sample | baseline | high-and-wrong',
      'sample | cloudwatch | cause-changed',
      'sample | drop-line:0 | high-and-wrong',
    ]);
    const raised = violationsOf(sample, [
      { transform: 'baseline', family: 'baseline', cause: 'identity-source-missing', confidence: 'low' },
      { transform: 'drop-line:0', family: 'removal', cause: 'identity-source-missing', confidence: 'medium' },
    ]);
    expect(raised.map(violationKey)).toEqual(['sample | drop-line:0 | confidence-raised']);
  });
});
