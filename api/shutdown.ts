import type { Server } from 'node:http';

export interface DrainOptions {
  /** Ends the responses that never finish on their own (event streams). */
  closeStreams(): Promise<void>;
  /** In-flight requests get this long; the connections still open then are cut. */
  timeoutMs: number;
  log(message: string): void;
}

/** Stops accepting connections, ends the event streams, waits for in-flight requests, closes keep-alive connections. */
export async function drainHttpServer(server: Server, options: DrainOptions): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await options.closeStreams();
  // A keep-alive connection turns idle when its request is answered: close each as soon as it does.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => {
    options.log(`requests still running after ${options.timeoutMs} ms: closing their connections`);
    server.closeAllConnections();
  }, options.timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
