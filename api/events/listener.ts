import { Client, escapeIdentifier, type ClientConfig } from 'pg';

export interface ListenOptions {
  config: ClientConfig;
  channel: string;
  onNotification(payload: string | undefined): void;
  /** After every (re)connection, once LISTEN is in place: whatever was notified while it was down is lost. */
  onListening(): void;
  log(message: string): void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that silently died (no RST) is only noticed by using it: a query this often. */
  pingMs?: number;
}

export interface Listener {
  close(): Promise<void>;
}

/** One dedicated connection that LISTENs on `channel`, reconnecting with exponential backoff when it is lost. */
export function listenWithReconnect(options: ListenOptions): Listener {
  const minBackoffMs = options.minBackoffMs ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const pingMs = options.pingMs ?? 15_000;
  let closed = false;
  let failures = 0;
  let client: Client | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const current = new Client(options.config);
    client = current;
    let lost = false;
    const lose = (reason: string) => {
      if (lost || closed) return;
      lost = true;
      clearInterval(pingTimer);
      current.removeAllListeners('notification');
      void current.end().catch(() => undefined);
      const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** failures++);
      options.log(`event stream: LISTEN connection lost (${reason}); reconnecting in ${delay} ms`);
      retryTimer = setTimeout(() => void connect(), delay);
    };
    current.on('error', (err) => lose(err.message));
    current.on('end', () => lose('the connection ended'));
    current.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotification(message.payload);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${escapeIdentifier(options.channel)}`);
    } catch (err) {
      lose((err as Error).message);
      return;
    }
    if (closed) return;
    if (failures > 0) options.log(`event stream: LISTEN connection back after ${failures} failed attempt(s)`);
    failures = 0;
    pingTimer = setInterval(() => {
      const timeout = setTimeout(() => lose(`no answer to a ping within ${pingMs} ms`), pingMs);
      current.query('SELECT 1').then(
        () => clearTimeout(timeout),
        (err: Error) => {
          clearTimeout(timeout);
          lose(err.message);
        },
      );
    }, pingMs);
    pingTimer.unref();
    options.onListening();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      await client?.end().catch(() => undefined);
    },
  };
}
