import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { listEvents, type EventRecord } from '../../db/queries/events';
import type { EventFeed, FeedAdvance } from './eventFeed';
import { SSE_HEADERS, sseComment, sseEvent, sseRetry } from './sse';

export interface StreamFilter {
  workOrderNumber?: number;
  type?: string;
}

export interface StreamOptions {
  feed: EventFeed;
  pool: Pool;
  filter: StreamFilter;
  /** Send the events after this id (Last-Event-ID); null: the events committed from now on. */
  after: number | null;
  pageSize?: number;
  heartbeatMs?: number;
  retryMs?: number;
  /** A client that has not read what was sent for this long is disconnected; it resumes with Last-Event-ID. */
  stallMs?: number;
  log?: (message: string) => void;
}

const matches = (filter: StreamFilter, row: EventRecord) =>
  (filter.workOrderNumber === undefined || row.workOrderNumber === filter.workOrderNumber) &&
  (filter.type === undefined || row.type === filter.type);

/**
 * One client's stream. Caught up, it takes its events from the feed's shared read; behind (resuming, or after its
 * socket stopped draining), it reads its own by id up to the feed's horizon, a page at a time, and stops reading
 * while the socket is not draining, so a slow client costs a page of memory, not a growing buffer.
 */
export function streamEvents(req: Request, res: Response, options: StreamOptions): void {
  const { feed, pool, filter } = options;
  const pageSize = options.pageSize ?? 500;
  const log = options.log ?? ((message: string) => console.warn(message));
  // Ids at or below this have been looked at for this client; the last one sent is at or below it.
  let checkedTo: number | null = options.after;
  let dirty = true;
  let pumping = false;
  let draining = false;
  let closed = false;
  let stallTimer: NodeJS.Timeout | undefined;

  res.writeHead(200, SSE_HEADERS);
  req.socket.setNoDelay(true);
  res.write(sseRetry(options.retryMs ?? 2000) + sseComment('connected'));

  // Ending the response is not closing the socket: nothing may be written in between.
  const end = () => {
    closed = true;
    res.end();
  };

  const write = (chunk: string) => {
    if (closed) return;
    if (res.write(chunk) || draining) return;
    draining = true;
    stallTimer = setTimeout(() => {
      log(
        `event stream: a client read nothing for ${options.stallMs ?? 60_000} ms; disconnected (it resumes with Last-Event-ID)`,
      );
      res.destroy();
    }, options.stallMs ?? 60_000);
    res.once('drain', () => {
      clearTimeout(stallTimer);
      draining = false;
      pump();
    });
  };

  const pump = () => {
    if (pumping || closed || draining || checkedTo === null) return;
    pumping = true;
    void (async () => {
      while (dirty && !closed && !draining) {
        dirty = false;
        const from: number = checkedTo!;
        const upTo = feed.horizon();
        if (upTo <= from) continue;
        const rows: EventRecord[] = await listEvents(pool, { ...filter, after: from, upTo, limit: pageSize });
        if (closed) return;
        for (const row of rows) write(sseEvent(row.id, row.type, row));
        if (rows.length === pageSize) {
          checkedTo = rows[rows.length - 1]!.id;
          dirty = true;
        } else {
          checkedTo = upTo;
        }
      }
    })()
      .catch((err: Error) => {
        // The client reconnects after `retry` and resumes from its Last-Event-ID.
        log(`event stream: reading events failed (${err.message}); closing the stream`);
        end();
      })
      .finally(() => {
        pumping = false;
        if (dirty && !closed) pump();
      });
  };

  const onAdvance = ({ from, to, records }: FeedAdvance) => {
    if (records && !pumping && !draining && checkedTo !== null && checkedTo >= from) {
      for (const record of records)
        if (record.id > checkedTo && matches(filter, record)) write(sseEvent(record.id, record.type, record));
      checkedTo = Math.max(checkedTo, to);
      return;
    }
    dirty = true;
    pump();
  };

  const unsubscribe = feed.subscribe({ onAdvance, onClose: end });
  const heartbeat = setInterval(() => {
    if (!draining) write(sseComment('ping'));
  }, options.heartbeatMs ?? 15_000);
  res.on('close', () => {
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(stallTimer);
  });

  feed.ready().then((horizon) => {
    if (closed) return;
    checkedTo ??= horizon;
    pump();
  }, end);
}
