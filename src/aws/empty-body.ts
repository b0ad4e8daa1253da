/**
 * Every read why403 makes answers 200 with a document (JSON, or XML for STS and IAM); a 200 with no body at all
 * came from something between us and AWS. The SDK parses such a body as an empty object (no `item`, no `events`,
 * no `Policy`), which would read as "none": an API without authorizers, a function without a resource policy, a
 * region without log groups. The reading clients refuse it instead, so it is named as a malformed answer.
 */

export class EmptyBodyError extends Error {
  override readonly name = 'EmptyBodyError';
  constructor() {
    super('HTTP 200 with an empty body');
  }
}

interface Stack {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void;
  };
}

type Next = (args: unknown) => Promise<{ response?: unknown }>;

/** Makes `client` throw EmptyBodyError for a 200 whose Content-Length is 0. Returns the client. */
export function refuseEmptyBodies<C extends Stack>(client: C): C {
  client.middlewareStack.add(
    (next: Next) => async (args: unknown) => {
      const result = await next(args);
      if (isEmpty200(result.response)) throw new EmptyBodyError();
      return result;
    },
    { step: 'deserialize', name: 'why403RefuseEmptyBodies', priority: 'high' },
  );
  return client;
}

function isEmpty200(response: unknown): boolean {
  const r = response as { statusCode?: unknown; headers?: Record<string, string | undefined> } | undefined;
  return r?.statusCode === 200 && r.headers?.['content-length'] === '0';
}
