/** JSON.parse for text that may not be JSON at all: undefined instead of an exception. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
