/** Where npm start keeps what outlives a run: the dev server's Temporal database, the embedded database, secrets. */
import path from 'node:path';
import { PROJECT_ROOT } from '../temporalCli';

export const DATA_DIR = path.join(PROJECT_ROOT, '.data');

/** The embedded PGlite database's files. */
export const PGLITE_DIR = path.join(DATA_DIR, 'pglite');
