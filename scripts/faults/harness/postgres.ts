/**
 * Postgres for the drills: the machine's server (a database of the drill's own on it), or a cluster of the drill's own
 * (initdb into a temporary folder, trust auth, its own port) that the drill may restart.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sleep } from '../../async';
import { freePort } from './freePort';
import type { Log } from './log';

const execFileAsync = promisify(execFile);

/** The machine's Postgres (what the tests use); the drill only ever creates and drops its own database there. */
export const SHARED_POSTGRES_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A Postgres cluster of the drill's own (initdb into a temporary folder, trust auth, its own port): one it may restart. */
export interface PrivatePostgres {
  adminUrl: string;
  port: number;
  logFile: string;
  /** Stops the server (`fast`: clients are disconnected; `immediate`: a crash, recovered at start), waits, starts it again. */
  restart(options: { mode: 'fast' | 'immediate'; downMs: number }): Promise<void>;
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      'initdb was not found under /usr/lib/postgresql/*/bin: set PG_BIN to the folder holding initdb and pg_ctl',
    );
  return path.join(root, versions[0], 'bin');
}

/** initdb and the server refuse to run as root: as root, they run as the `postgres` user. */
async function runPostgresTool(tool: string, args: string[]): Promise<string> {
  const bin = path.join(postgresBinDir(), tool);
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const { stdout } = await execFileAsync(file, argv, { maxBuffer: 4 * 1024 * 1024 });
  return stdout;
}

/** A temporary folder the cluster's files go in, owned by the `postgres` user when this process is root. */
async function clusterFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wo-fault-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number((await execFileAsync('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await execFileAsync('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/** A crash stop, synchronous, for process exit: a drill that dies leaves no server behind (pg_ctl detaches it). */
function stopAtOnce(dataDir: string): void {
  const bin = path.join(postgresBinDir(), 'pg_ctl');
  const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  try {
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' });
    else execFileSync(bin, args, { stdio: 'ignore' });
  } catch {
    // already stopped
  }
}

export async function startPrivatePostgres(log: Log): Promise<PrivatePostgres> {
  const dir = await clusterFolder();
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  await runPostgresTool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () =>
    runPostgresTool('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start']);
  const stopWith = (mode: 'fast' | 'immediate') =>
    runPostgresTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  await start();
  log(`Postgres: private cluster on 127.0.0.1:${port} (${dir})`);
  let running = true;
  const stopOnExit = () => {
    if (running) stopAtOnce(dataDir);
  };
  process.on('exit', stopOnExit);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    logFile,
    async restart({ mode, downMs }) {
      await stopWith(mode);
      running = false;
      await sleep(downMs);
      await start();
      running = true;
    },
    async stop() {
      if (running) await stopWith('immediate').catch(() => undefined);
      running = false;
      process.removeListener('exit', stopOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
