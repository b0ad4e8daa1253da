/**
 * Waits, polling every 25 ms, until `check` holds; throws naming `what` after `seconds`. A test waits for what it
 * asserts, never for a time: no timing assertion.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what = 'the condition',
  seconds = 30,
): Promise<void> {
  for (let i = 0; i < (seconds * 1000) / 25; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what}: not within ${seconds} s`);
}
