import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceBundle } from '../../src/evidence/bundle';

/**
 * The real-world evidence corpus (test/corpus/README.md): every file in test/corpus/ listed below, in order. Read by
 * the corpus and metamorphic tests and by `npm run eval`, so all three judge exactly the same cases.
 */

export interface CorpusCase extends EvidenceBundle {
  id: string;
  source: string;
  verbatim?: boolean;
  expected_cause: string;
  acceptable_alternatives?: string[];
  ambiguous?: boolean;
  context?: { acceptable_alternatives?: string[] } & Record<string, unknown>;
  notes?: string;
}

/** The corpus files, oldest first: the original collection and the cases added in 2026. */
export const CORPUS_FILES = ['cases.json', 'cases-2026.json'] as const;

/** `test/corpus/` of the project whose root is given (tests pass nothing; the compiled bench passes its root). */
function corpusDir(projectRoot = join(__dirname, '..', '..')): string {
  return join(projectRoot, 'test', 'corpus');
}

export function loadCorpusFile(file: string, projectRoot?: string): CorpusCase[] {
  const path = join(corpusDir(projectRoot), file);
  if (!existsSync(path)) {
    throw new Error(
      `The evidence corpus file ${path} is missing; it belongs to the repository (test/corpus/).`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as CorpusCase[];
}

export function loadCorpus(projectRoot?: string): CorpusCase[] {
  return CORPUS_FILES.flatMap((file) => loadCorpusFile(file, projectRoot));
}

/** The expected cause and every acceptable alternative: a verdict naming any of them is right. */
export function accepted(c: CorpusCase): string[] {
  return [
    c.expected_cause,
    ...(c.acceptable_alternatives ?? []),
    ...(c.context?.acceptable_alternatives ?? []),
  ];
}
