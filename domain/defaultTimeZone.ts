/**
 * The zone texts give times in when no rules were loaded. Its own module, free of zod: the workflow bundle imports it,
 * and every module the bundle holds is evaluated again for each workflow a worker caches (reuseV8Context).
 */
export const DEFAULT_TIME_ZONE = 'America/New_York';
