/**
 * Starts `temporal server start-dev` with a database file (so workflows survive a restart, in WAL mode), our search
 * attributes, the product's dynamic config (scripts/temporalServerSettings.ts) and the Web UI; or reuses a server that
 * already answers on the port (with whatever settings it was started with).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { SEARCH_ATTRIBUTE_CLI_TYPES } from '../workflows/definitions';
import { dynamicConfigArgs, sqliteFilePragmaArgs } from './temporalServerSettings';

const execFileAsync = promisify(execFile);
const HOST = '127.0.0.1';

export interface DevServerOptions {
  cliPath: string;
  dataDir: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  /** No Web UI (`--headless`): fault drills and other throwaway servers don't need one. */
  headless?: boolean;
  log?: (message: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  /** True when another process owns the server: stop() leaves it running. */
  reused: boolean;
  logFile: string | null;
  stop(): Promise<void>;
}

export function portAnswers(port: number, host = HOST, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function registeredSearchAttributes(
  cliPath: string,
  address: string,
  namespace: string,
): Promise<Set<string> | null> {
  try {
    const { stdout } = await execFileAsync(cliPath, [
      'operator',
      'search-attribute',
      'list',
      '--address',
      address,
      '--namespace',
      namespace,
      '--output',
      'json',
      '--command-timeout',
      '5s',
    ]);
    const parsed = JSON.parse(stdout) as { customAttributes?: Record<string, unknown> };
    return new Set(Object.keys(parsed.customAttributes ?? {}));
  } catch {
    return null;
  }
}

function missingSearchAttributes(registered: Set<string>): string[] {
  return Object.keys(SEARCH_ATTRIBUTE_CLI_TYPES).filter((name) => !registered.has(name));
}

async function registerSearchAttributes(
  cliPath: string,
  address: string,
  namespace: string,
  names: string[],
): Promise<void> {
  const args = ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace];
  for (const name of names) args.push('--name', name, '--type', SEARCH_ATTRIBUTE_CLI_TYPES[name]!);
  await execFileAsync(cliPath, args);
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Polls until the server answers and lists our search attributes in the namespace (the UI and the SDK need both). */
async function waitUntilReady(
  cliPath: string,
  address: string,
  namespace: string,
  port: number,
  failure: () => string | null,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failed = failure();
    if (failed) throw new Error(failed);
    if (await portAnswers(port)) {
      const registered = await registeredSearchAttributes(cliPath, address, namespace);
      if (registered && missingSearchAttributes(registered).length === 0) return;
    }
    await sleep(250);
  }
  throw new Error(`Temporal did not become ready on ${address} within ${timeoutMs / 1000}s`);
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { cliPath, dataDir, port = 7233, namespace = 'default', log = console.log } = options;
  const uiPort = options.uiPort ?? port + 1000;
  const address = `${HOST}:${port}`;
  const uiUrl = `http://${HOST}:${uiPort}`;

  if (await portAnswers(port)) {
    log(
      `Temporal: something already answers on ${address}; reusing it (it keeps its own data; its UI may not be at ${uiUrl}).`,
    );
    const registered = await registeredSearchAttributes(cliPath, address, namespace);
    if (!registered)
      throw new Error(
        `${address} answers but is not a Temporal server with namespace "${namespace}" (\`temporal operator search-attribute list\` failed)`,
      );
    const missing = missingSearchAttributes(registered);
    if (missing.length > 0) {
      log(`Temporal: registering missing search attributes on the existing server: ${missing.join(', ')}`);
      await registerSearchAttributes(cliPath, address, namespace, missing);
      await waitUntilReady(cliPath, address, namespace, port, () => null);
    }
    return { address, uiUrl, reused: true, logFile: null, stop: async () => undefined };
  }

  mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'temporal.db');
  const logFile = path.join(dataDir, 'temporal.log');
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFile,
    ...sqliteFilePragmaArgs(),
    ...dynamicConfigArgs(),
    '--ip',
    HOST,
    '--port',
    String(port),
    ...(options.headless ? ['--headless'] : ['--ui-port', String(uiPort)]),
    '--namespace',
    namespace,
    ...Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    '--log-level',
    'warn',
  ];
  const logFd = openSync(logFile, 'a');
  // Own process group: a Ctrl-C in the terminal reaches only the parent, which stops the server last,
  // after the worker has finished its in-flight tasks.
  const child = spawn(cliPath, args, { stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  let spawnError: Error | null = null;
  child.once('error', (err) => (spawnError = err));
  // Detached children outlive a crashed parent; this covers every exit that still runs JavaScript.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  log(`Temporal: starting the dev server on ${address} (data ${dbFile}, log ${logFile})...`);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  try {
    await waitUntilReady(cliPath, address, namespace, port, () => {
      if (spawnError) return `could not run ${cliPath}: ${(spawnError as Error).message}`;
      if (child.exitCode !== null || child.signalCode !== null)
        return `the Temporal dev server exited (${child.exitCode ?? child.signalCode}) while starting; last lines of ${logFile}:\n${tail(logFile)}`;
      return null;
    });
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n(log: ${logFile})`, { cause: err });
  }
  log(`Temporal: dev server ready on ${address}, UI at ${uiUrl}`);
  return { address, uiUrl, reused: false, logFile, stop };
}
