import type { RequestHandler } from 'express';

/**
 * Headers for an API that answers JSON (and TwiML, and event streams) to programs, never pages to a browser:
 * nothing may be framed, sniffed, cached, loaded as a resource of another site, or leak its URL as a referrer.
 */
const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.set(HEADERS);
  // Only over https (directly, or through a proxy trusted by TRUST_PROXY): over http the header is meaningless.
  if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
};
