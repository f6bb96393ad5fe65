/**
 * Which database `npm start` runs on: DATABASE_URL when it is given; else the Postgres answering at
 * EMBEDDED_DB_PROBE (127.0.0.1:5432 by default); else the embedded PGlite database, for a first try.
 */
export type DatabaseChoice = { kind: 'postgres'; url: string } | { kind: 'pglite'; notice: string };

export const DEFAULT_PROBE = '127.0.0.1:5432';

export function probeAddress(value: string | undefined): { host: string; port: number } {
  const text = value || DEFAULT_PROBE;
  const match = /^([^:\s]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535)
    throw new Error(`EMBEDDED_DB_PROBE must be host:port, like ${DEFAULT_PROBE}; it is "${text}"`);
  return { host: match[1]!, port };
}

export async function chooseDatabase(
  env: { DATABASE_URL?: string; EMBEDDED_DB_PROBE?: string },
  answers: (port: number, host: string) => Promise<boolean>,
): Promise<DatabaseChoice> {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  const { host, port } = probeAddress(env.EMBEDDED_DB_PROBE);
  if (await answers(port, host)) return { kind: 'postgres', url: `postgres://postgres@${host}:${port}/workorders` };
  return {
    kind: 'pglite',
    notice:
      `No Postgres at ${host}:${port} and no DATABASE_URL: running on the embedded PGlite database in .data/pglite ` +
      '(for a first try only; use a real Postgres for anything else — see README)',
  };
}
