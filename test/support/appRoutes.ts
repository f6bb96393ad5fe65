import type { Express } from 'express';

export interface AppRoute {
  method: string;
  /** The Express pattern, mount path included, e.g. `/work-orders/:id/visit/:action`. */
  path: string;
}

interface Layer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function walk(stack: Layer[], prefix: string, found: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      for (const path of ([] as string[]).concat(layer.route.path))
        for (const method of methods) found.push({ method: method.toUpperCase(), path: join(prefix, path) });
    } else if (layer.handle.stack) {
      const mounts = ([] as string[]).concat(layer.rawPath ?? '/');
      for (const mount of mounts) walk(layer.handle.stack, join(prefix, mount), found);
    }
  }
}

/** Every route the app answers, read from Express 5's router stack (mounted routers included). */
export function appRoutes(app: Express): AppRoute[] {
  const found: AppRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', found);
  return found;
}

export const routeKey = (route: AppRoute) => `${route.method} ${route.path}`;
