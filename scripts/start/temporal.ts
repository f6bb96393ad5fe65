/** The Temporal server: on a local TEMPORAL_ADDRESS a dev server of our own (data in .data/), else the server there. */
import type { Config } from '../../runtime/config';
import { startDevServer, type DevServer } from '../devServer';
import { findOrBuildTemporalCli } from '../temporalCli';
import { DATA_DIR } from './dataDir';
import { log } from './log';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export interface TemporalInUse {
  cliPath: string;
  address: string;
  /** The dev server's web UI; null for a server at a TEMPORAL_ADDRESS elsewhere. */
  uiUrl: string | null;
  devServer: DevServer | null;
}

export async function startTemporal(config: Config): Promise<TemporalInUse> {
  const cliPath = await findOrBuildTemporalCli(log);
  const [host = '', portText = ''] = config.temporalAddress.split(':');
  if (!LOCAL_HOSTS.has(host)) {
    log(
      `Temporal: using the server at ${config.temporalAddress} (TEMPORAL_ADDRESS); its search attributes must be registered already`,
    );
    return { cliPath, address: config.temporalAddress, uiUrl: null, devServer: null };
  }
  const devServer = await startDevServer({
    cliPath,
    dataDir: DATA_DIR,
    port: Number(portText) || 7233,
    namespace: config.temporalNamespace,
    log,
  });
  return { cliPath, address: devServer.address, uiUrl: devServer.uiUrl, devServer };
}
