/** The drill's Temporal dev server: on a file database (every workflow survives a restart), headless, its own port. */
import { Client, Connection } from '@temporalio/client';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sleep } from '../../async';
import { startDevServer, type DevServer } from '../../devServer';
import { findOrBuildTemporalCli } from '../../temporalCli';
import { freePort } from './freePort';
import type { Log } from './log';

export interface TemporalServer {
  address: string;
  namespace: string;
  client: Client;
  /** The dev server's SQLite file: every workflow and its history survive a restart. */
  dbFile: string;
  /** Stops the dev server (SIGTERM), waits `downMs`, starts it again on the same port and file. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTemporal(log: Log): Promise<TemporalServer> {
  const cliPath = await findOrBuildTemporalCli(log);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wo-fault-temporal-'));
  const port = await freePort();
  const quiet: Log = () => undefined;
  const start = () => startDevServer({ cliPath, dataDir, port, headless: true, log: quiet });
  let server: DevServer = await start();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: 'default' });
  const dbFile = path.join(dataDir, 'temporal.db');
  log(`Temporal: dev server on ${server.address} (file database ${dbFile})`);
  return {
    address: server.address,
    namespace: 'default',
    client,
    dbFile,
    async restart(downMs) {
      await server.stop();
      await sleep(downMs);
      server = await start();
    },
    async stop() {
      await connection.close().catch(() => undefined);
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
