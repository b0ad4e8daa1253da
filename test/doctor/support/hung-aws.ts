import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An AWS endpoint on loopback that never answers: every request is read and held. A request the SDK cancels closes
 * its connection, which is how a test sees that a call was aborted rather than left waiting.
 */
export interface HungAws {
  url: string;
  /** Each request that reached it: method, path and the AWS operation when the protocol names one. */
  seen: string[];
  /** Requests whose client has not hung up. */
  open(): number;
  /** Resolves once no request is held: every client hung up (at once when none is). */
  allClosed(): Promise<void>;
  /** Called once for each request as it arrives. */
  onRequest(listener: () => void): void;
  close(): Promise<void>;
}

export async function hungAws(): Promise<HungAws> {
  const seen: string[] = [];
  const open = new Set<ServerResponse>();
  const listeners: Array<() => void> = [];
  const waiting: Array<() => void> = [];
  const settle = () => {
    if (open.size === 0) waiting.splice(0).forEach((resolve) => resolve());
  };
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['x-amz-target'] ?? ''}`.trim());
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      settle();
    });
    req.resume();
    listeners.forEach((listener) => listener());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    open: () => open.size,
    allClosed: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        settle();
      }),
    onRequest: (listener) => void listeners.push(listener),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
