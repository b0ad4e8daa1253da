import { join } from 'node:path';
import { classify } from '../src/classify/classify';
import type { Confidence } from '../src/classify/types';
import { evidenceFromBundle, isNarrativeOnly } from '../src/evidence/bundle';
import { accepted, CORPUS_FILES, loadCorpusFile, type CorpusCase } from '../test/support/corpus';
import { outcomesOf, violationsOf, type Outcome } from '../test/support/metamorphic';
import { fmt, table } from './measure';

/**
 * `npm run eval`: how the engine answers the real-world corpus (test/corpus/), and its metamorphic variants. A right
 * answer is the expected cause or an acceptable alternative. Prints numbers; asserts nothing.
 */

interface Answer {
  id: string;
  expected: string;
  cause: string;
  confidence: Confidence;
  right: boolean;
}

const LEVELS: readonly Confidence[] = ['high', 'medium', 'low'];

function pct(part: number, whole: number): string {
  return whole === 0 ? '-' : `${fmt((100 * part) / whole, 1)} %`;
}

function answer(c: CorpusCase): Answer {
  const verdict = classify(evidenceFromBundle(c));
  return {
    id: c.id,
    expected: c.expected_cause,
    cause: verdict.cause,
    confidence: verdict.confidence,
    right: accepted(c).includes(verdict.cause),
  };
}

function perCause(answers: readonly Answer[]): string {
  const causes = [...new Set(answers.map((a) => a.expected))].sort();
  const rows = causes.map((cause) => {
    const own = answers.filter((a) => a.expected === cause);
    const right = own.filter((a) => a.right).length;
    const high = own.filter((a) => a.right && a.confidence === 'high').length;
    return [cause, own.length, right, pct(right, own.length), high];
  });
  const right = answers.filter((a) => a.right).length;
  rows.push(['all', answers.length, right, pct(right, answers.length), answers.filter(rightHigh).length]);
  return table(['expected cause', 'cases', 'right', 'accuracy', 'right with high'], rows);
}

function rightHigh(a: Pick<Answer, 'right' | 'confidence'>): boolean {
  return a.right && a.confidence === 'high';
}

/** Rows: expected cause; columns: the cause answered, numbered (the legend names them). */
function confusion(answers: readonly Answer[]): string {
  const expected = [...new Set(answers.map((a) => a.expected))].sort();
  const answered = [...new Set(answers.map((a) => a.cause))].sort();
  const rows = expected.map((cause) => [
    cause,
    ...answered.map((column) => {
      const n = answers.filter((a) => a.expected === cause && a.cause === column).length;
      return n === 0 ? '.' : n;
    }),
  ]);
  const legend = answered.map((cause, i) => `  c${i + 1} = ${cause}`).join('\n');
  return `${table(['expected \\ answered', ...answered.map((_, i) => `c${i + 1}`)], rows)}\n\n${legend}`;
}

function byConfidence(answers: ReadonlyArray<Pick<Answer, 'right' | 'confidence'>>): string {
  const rows = LEVELS.map((level) => {
    const given = answers.filter((a) => a.confidence === level);
    const right = given.filter((a) => a.right).length;
    return [level, given.length, right, pct(right, given.length)];
  });
  const right = answers.filter((a) => a.right);
  return [
    table(['confidence', 'answers', 'right', 'precision'], rows),
    '',
    `Share of right answers given with high: ${pct(right.filter(rightHigh).length, right.length)} (${right.filter(rightHigh).length} of ${right.length}).`,
  ].join('\n');
}

function corpusBlock(cases: readonly CorpusCase[]): void {
  const readable = cases.filter((c) => !isNarrativeOnly(c));
  const answers = readable.map(answer);
  console.log(
    `\n## Corpus: ${readable.length} cases with readable evidence (${cases.length - readable.length} narrative-only left out)\n`,
  );
  console.log(perCause(answers));
  console.log('\n### Confusion matrix\n');
  console.log(confusion(answers));
  console.log('\n### Precision of each confidence level\n');
  console.log(byConfidence(answers));
  const wrong = answers.filter((a) => !a.right);
  if (wrong.length > 0) {
    console.log('\n### Wrong answers\n');
    console.log(
      table(
        ['case', 'expected', 'answered'],
        wrong.map((a) => [a.id, a.expected, `${a.cause} (${a.confidence})`]),
      ),
    );
  }
}

function variantBlock(cases: readonly CorpusCase[]): void {
  const readable = cases.filter((c) => !isNarrativeOnly(c));
  const judged: Array<Outcome & { right: boolean }> = [];
  const violations = readable.flatMap((c) => {
    const outcomes = outcomesOf(c);
    judged.push(...outcomes.map((o) => ({ ...o, right: accepted(c).includes(o.cause) })));
    return violationsOf(c, outcomes);
  });
  const families = ['baseline', 'rewrap', 'removal'] as const;
  console.log(`\n## Metamorphic variants: ${judged.length} over ${readable.length} cases\n`);
  console.log(
    table(
      ['family', 'variants', 'right', 'accuracy'],
      families.map((family) => {
        const own = judged.filter((o) => o.family === family);
        const right = own.filter((o) => o.right).length;
        return [family, own.length, right, pct(right, own.length)];
      }),
    ),
  );
  console.log('\n### Precision of each confidence level (all variants)\n');
  console.log(byConfidence(judged));
  console.log(`\n### Invariant violations: ${violations.length}\n`);
  if (violations.length > 0) {
    console.log(
      table(
        ['case', 'variant', 'invariant', 'seen'],
        violations.map((v) => [v.id, v.transform, v.invariant, v.seen]),
      ),
    );
  }
}

function byFile(root: string): void {
  const rows = CORPUS_FILES.map((file) => {
    const cases = loadCorpusFile(file, root);
    const answers = cases.filter((c) => !isNarrativeOnly(c)).map(answer);
    const right = answers.filter((a) => a.right).length;
    return [file, cases.length, answers.length, right, pct(right, answers.length)];
  });
  console.log(table(['file', 'cases', 'readable', 'right', 'accuracy'], rows));
}

function main(): void {
  const root = join(__dirname, '..', '..');
  const cases = CORPUS_FILES.flatMap((file) => loadCorpusFile(file, root));
  byFile(root);
  corpusBlock(cases);
  variantBlock(cases);
}

main();
