import type { Request, RequestHandler, Response } from 'express';
import type { RateLimits } from '../runtime/config';
import { AppError } from './errors';
import { createTokenBuckets, type BucketAnswer } from './tokenBuckets';

export interface RateLimiters {
  /** After the key check: requests per key. */
  perKey: RequestHandler;
  /** Requests per address to the Twilio webhooks. */
  webhooks: RequestHandler;
  /**
   * Refuses an address that has failed too many credential checks, before its credential is looked at (so that
   * a guess cannot be told right from wrong), and counts the failures `failed` sees in the answers it gets.
   */
  failures(failed: (req: Request, res: Response) => boolean): RequestHandler;
}

function refuseWhenEmpty(res: Response, answer: BucketAnswer, what: string): void {
  if (answer.ok) return;
  res.set('Retry-After', String(answer.retryAfterSeconds));
  throw new AppError(429, 'rate_limited', `${what}; retry in ${answer.retryAfterSeconds} s`);
}

/** One set per app: the buckets live in this process's memory. */
export function createRateLimiters(limits: RateLimits): RateLimiters {
  const perKey = createTokenBuckets(limits.perKey);
  const webhooks = createTokenBuckets(limits.webhooksPerAddress);
  const failures = createTokenBuckets(limits.authFailuresPerAddress);
  const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

  return {
    perKey: (req, res, next) => {
      if (req.identity)
        refuseWhenEmpty(
          res,
          perKey.take(String(req.identity.id)),
          `more than ${limits.perKey} requests a minute with this key`,
        );
      next();
    },
    webhooks: (req, res, next) => {
      refuseWhenEmpty(
        res,
        webhooks.take(addressOf(req)),
        `more than ${limits.webhooksPerAddress} webhook requests a minute from this address`,
      );
      next();
    },
    failures: (failed) => (req, res, next) => {
      const address = addressOf(req);
      refuseWhenEmpty(
        res,
        failures.peek(address),
        `more than ${limits.authFailuresPerAddress} failed key or signature checks a minute from this address`,
      );
      res.on('finish', () => {
        if (failed(req, res)) failures.take(address);
      });
      next();
    },
  };
}
