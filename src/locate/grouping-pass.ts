import { OversizedEventError, readLog, type Chunk } from './log-stream';
import { msg } from '../text';
import { RequestGroups, type GroupCounts, type GroupingOptions } from './request-groups';
import { NotALogError, TextGuard } from './input-check';

/**
 * Reading an exported execution log: checked as text as it streams by (input-check.ts), split into lines or events
 * (log-stream.ts) and grouped by request (request-groups.ts). Nothing here classifies, so the benchmark can time this
 * pass alone without loading the rules.
 */

/**
 * The reading-and-grouping pass alone: what `scanLogFile` does before it classifies anything. Requests that did not
 * end below 400 are counted as `notOk` (failed, cut off, or left open), their lines never decoded. For the benchmark.
 */
export async function groupLogFile(
  chunks: AsyncIterable<Chunk>,
  options: GroupingOptions & { source?: string } = {},
): Promise<GroupCounts & { notOk: number }> {
  let notOk = 0;
  const groups = new RequestGroups(() => notOk++, options);
  const counts = await readGrouped(chunks, groups, options.source ?? 'the input');
  return { ...counts, notOk };
}

/**
 * Reads the whole input into `groups`, checking it is an execution log as it streams by; `ready`, when given, is
 * awaited between chunks (reading pauses there while failed requests wait to be counted).
 */
export async function readGrouped(
  chunks: AsyncIterable<Chunk>,
  groups: RequestGroups,
  source: string,
  ready?: () => Promise<void> | undefined,
): Promise<GroupCounts> {
  const guard = new TextGuard();
  try {
    await readLog(guarded(chunks, guard, source, ready), groups);
  } catch (error) {
    if (!(error instanceof OversizedEventError)) throw error;
    throw new NotALogError(source, msg('input.event-too-large', { mebibytes: error.limit / (1 << 20) }));
  }
  const problem = guard.end();
  if (problem) throw new NotALogError(source, problem);
  return groups.finish();
}

async function* guarded(
  chunks: AsyncIterable<Chunk>,
  guard: TextGuard,
  source: string,
  ready?: () => Promise<void> | undefined,
): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const problem = guard.check(buf);
    if (problem) throw new NotALogError(source, problem);
    yield buf;
    const waiting = ready?.();
    if (waiting) await waiting;
  }
}
