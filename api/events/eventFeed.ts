import type { ClientConfig, Pool } from 'pg';
import { databaseMode } from '../../db/pool';
import { readEventFrontier } from '../../db/queries/eventFrontier';
import { listEvents, type EventRecord } from '../../db/queries/events';
import { EventHorizon } from './horizon';
import { listenWithReconnect, type Listener } from './listener';

/** Ids in (from, to] became final. */
export interface FeedAdvance {
  from: number;
  to: number;
  /** Every event in (from, to], read once for all the streams; null when there were too many (each stream reads its own). */
  records: EventRecord[] | null;
}

/** Up to this many ids in one advance, the feed reads the events once for every stream that is caught up. */
const SHARED_READ_LIMIT = 500;

/** The LISTEN connection's application_name, as pg_stat_activity shows it. */
export const LISTENER_NAME = 'event-stream listener';

export interface FeedSubscriber {
  onAdvance(advance: FeedAdvance): void;
  /** The feed is closing (the process shuts down). */
  onClose(): void;
}

/**
 * One per API process: a single LISTEN connection, woken by the events table's trigger (migration 011), keeps the
 * horizon below which every event id is final, and tells the connected streams when it moves, with the new events
 * read once for all of them; a stream that is behind (resuming, slow) reads its own, by id, with its filters.
 */
export interface EventFeed {
  /** The horizon, once known; starts the feed on first use. */
  ready(): Promise<number>;
  /** The horizon now (call after ready()). */
  horizon(): number;
  subscribe(subscriber: FeedSubscriber): () => void;
  readonly subscribers: number;
  /** Tells every subscriber to close, then drops the LISTEN connection. */
  close(): Promise<void>;
}

export interface EventFeedOptions {
  pool: Pool;
  /** The LISTEN connection's settings; by default the pool's. */
  connection?: ClientConfig;
  /** A reading this often whatever happens: covers notifications lost while the LISTEN connection was down. */
  safetyPollMs?: number;
  /** The embedded database has one connection in all, so no LISTEN: it is read this often instead. */
  embeddedPollMs?: number;
  /** While a hole waits for a transaction to end, read again this often (an ending transaction notifies nobody). */
  recheckMs?: number;
  /** Past this, a hole still held by an open transaction is passed, with a warning (see horizon.ts). */
  maxHoldMs?: number;
  /** Ids per reading. */
  readLimit?: number;
  log?: (message: string) => void;
}

export function createEventFeed(options: EventFeedOptions): EventFeed {
  const { pool } = options;
  const safetyPollMs = options.safetyPollMs ?? 2000;
  const recheckMs = options.recheckMs ?? 20;
  const readLimit = options.readLimit ?? 1000;
  const log = options.log ?? ((message: string) => console.warn(message));
  const horizon = new EventHorizon(options.maxHoldMs ?? 30_000);
  const subscribers = new Set<FeedSubscriber>();
  let waitingForReady: Array<{ resolve(value: number): void; reject(err: Error): void }> = [];

  let started = false;
  let closed = false;
  let reading = false;
  let again = false;
  let failures = 0;
  let listener: Listener | null = null;
  let safetyTimer: NodeJS.Timeout | undefined;
  let nextTimer: NodeJS.Timeout | undefined;

  const readSoon = (ms: number) => {
    if (closed || nextTimer) return;
    nextTimer = setTimeout(() => {
      nextTimer = undefined;
      requestReading();
    }, ms);
    nextTimer.unref();
  };

  const requestReading = () => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    void readUntilSettled().finally(() => {
      reading = false;
      if (horizon.waiting) readSoon(recheckMs);
    });
  };

  const readUntilSettled = async () => {
    do {
      again = false;
      let advanced = false;
      try {
        const frontier = await readEventFrontier(pool, horizon.readFrom, readLimit);
        const { advance, forced } = horizon.apply(frontier, Date.now());
        failures = 0;
        for (const f of forced) {
          log(
            `event stream: passed ids up to ${f.upTo} after ${Math.round(f.heldMs / 1000)} s waiting for transaction(s) ${f.writers.join(', ')} to end; an event they commit later below that id is not streamed live (GET /events has it)`,
          );
        }
        const value = horizon.value;
        if (value !== null && waitingForReady.length > 0) {
          for (const waiter of waitingForReady) waiter.resolve(value);
          waitingForReady = [];
        }
        if (advance) {
          advanced = true;
          if (subscribers.size > 0) {
            // Without the shared read (too many, or it failed) each stream reads its own.
            const records =
              advance.to - advance.from <= SHARED_READ_LIMIT
                ? await listEvents(pool, { after: advance.from, upTo: advance.to, limit: SHARED_READ_LIMIT }).catch(
                    () => null,
                  )
                : null;
            for (const subscriber of subscribers) subscriber.onAdvance({ ...advance, records });
          }
        }
        // A full page that moved the horizon: there is more right behind it.
        if (advanced && frontier.ids.length === readLimit) again = true;
      } catch (err) {
        const delay = Math.min(5000, 100 * 2 ** failures++);
        log(`event stream: reading the events table failed (${(err as Error).message}); again in ${delay} ms`);
        readSoon(delay);
        return;
      }
    } while (again && !closed);
  };

  const start = () => {
    if (started || closed) return;
    started = true;
    if (databaseMode(pool) === 'pglite') {
      safetyTimer = setInterval(requestReading, options.embeddedPollMs ?? 200);
      safetyTimer.unref();
      requestReading();
      return;
    }
    listener = listenWithReconnect({
      config: {
        connectionTimeoutMillis: 10_000,
        ...(options.connection ?? pool.options),
        application_name: LISTENER_NAME,
      },
      channel: 'events',
      onNotification: requestReading,
      onListening: requestReading,
      log,
    });
    safetyTimer = setInterval(requestReading, safetyPollMs);
    safetyTimer.unref();
    requestReading();
  };

  return {
    ready() {
      start();
      const value = horizon.value;
      if (value !== null) return Promise.resolve(value);
      if (closed) return Promise.reject(new Error('the event feed is closed'));
      return new Promise((resolve, reject) => waitingForReady.push({ resolve, reject }));
    },
    horizon() {
      return horizon.value ?? 0;
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    get subscribers() {
      return subscribers.size;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(safetyTimer);
      clearTimeout(nextTimer);
      for (const waiter of waitingForReady) waiter.reject(new Error('the event feed is closed'));
      waitingForReady = [];
      for (const subscriber of [...subscribers]) subscriber.onClose();
      subscribers.clear();
      await listener?.close();
    },
  };
}
