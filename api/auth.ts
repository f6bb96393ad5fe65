import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import { findApiKey, type ApiKeyIdentity, type Role } from '../db/queries/apiKeys';
import type { Actor } from '../domain/actor';
import { AppError } from './errors';

declare module 'express-serve-static-core' {
  interface Request {
    identity?: ApiKeyIdentity;
  }
}

/** Checks the key once per request: a router that checks it again (for use on its own) finds the identity set. */
export function authenticate(pool: Pool): RequestHandler {
  return async (req, _res, next) => {
    if (req.identity) return next();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError(401, 'unauthorized', 'send an API key as "Authorization: Bearer <key>"');
    const identity = await findApiKey(pool, match[1]!);
    if (!identity) throw new AppError(401, 'unauthorized', 'unknown or revoked API key');
    req.identity = identity;
    next();
  };
}

export function allow(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.identity?.role;
    if (!role || (role !== 'admin' && !roles.includes(role)))
      throw new AppError(403, 'forbidden', `this needs one of the roles: ${['admin', ...roles].join(', ')}`);
    next();
  };
}

/** Who the caller is, for the event log. */
export function actorOf(identity: ApiKeyIdentity): Actor {
  if (identity.role === 'technician') return { type: 'technician', id: String(identity.technicianId) };
  return { type: identity.role, id: identity.name };
}
