import type { Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Histogram } from 'prom-client';
import type { Logger } from '../observability/logger';

/** The route a request matched, as its pattern (`/work-orders/:id`); `unmatched` for a 404 from no route. */
const routePatterns = new WeakMap<Request, string>();

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still its router's mount path; by the time
 * the response is finished, an error that left the router has reset `baseUrl`. So the pattern is read at that moment.
 */
function rememberRoutePattern(req: Request): void {
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (value && typeof value.path === 'string') routePatterns.set(req, `${req.baseUrl}${value.path}`);
    },
  });
}

export function routePatternOf(req: Request): string {
  return routePatterns.get(req) ?? 'unmatched';
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const WORK_ORDER_PATH = /^\/work-orders\/(\d+)(?:\/|$)/;

/** The request's logger (with its request id), for the error middleware and handlers. */
export function requestLog(res: Response): Logger | undefined {
  return res.locals.log as Logger | undefined;
}

/**
 * First middleware: gives each request an id (the caller's X-Request-Id when sane), and when its response is
 * finished logs one JSON line (method, route pattern, status, duration, the work order number for /work-orders/:id)
 * and observes the latency histogram by method, route pattern and status, never by raw URL.
 */
export function requestObserver(logger: Logger, duration: Histogram<'method' | 'route' | 'status'>): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const log = logger.child({ requestId });
    res.locals.log = log;
    rememberRoutePattern(req);
    // 'close', not 'finish': it also comes when the caller hangs up, and ends an event stream.
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePatternOf(req);
      const status = res.statusCode;
      duration.observe({ method: req.method, route, status: String(status) }, seconds);
      const number = route.startsWith('/work-orders/:id') ? WORK_ORDER_PATH.exec(req.originalUrl)?.[1] : undefined;
      const line = {
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        ...(number ? { workOrderNumber: Number(number) } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // A 5xx's error is logged, with its stack, by the error middleware.
      if (status >= 500) log.warn(line, 'request');
      else log.info(line, 'request');
    });
    next();
  };
}
