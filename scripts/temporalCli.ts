/**
 * Finds the Temporal CLI (which also runs the dev server), or builds it once with Go.
 * Run directly (`npx tsx scripts/temporalCli.ts`) it prints the path on stdout; everything else goes to stderr.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TOOLS_BIN = path.join(PROJECT_ROOT, '.tools', 'bin');
export const PROJECT_TEMPORAL_CLI = path.join(TOOLS_BIN, 'temporal');

type Log = (message: string) => void;
const toStderr: Log = (message) => console.error(message);

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function buildWithGo(goPath: string, log: Log): Promise<string> {
  const pkg = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${TOOLS_BIN}.`);
  log('This happens once and takes several minutes (about 6 on a 2-core machine)...');
  mkdirSync(TOOLS_BIN, { recursive: true });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    // stdout of this process is reserved for the path, so go's output goes to stderr.
    const go = spawn(goPath, ['install', '-v', pkg], {
      env: { ...process.env, GOBIN: TOOLS_BIN },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    go.on('error', reject);
    go.on('exit', (code) => resolve(code));
  });
  if (exitCode !== 0 || !isExecutableFile(PROJECT_TEMPORAL_CLI)) {
    throw new Error(`\`go install ${pkg}\` failed (exit code ${exitCode}); see go's output above`);
  }
  log(`Temporal CLI built: ${PROJECT_TEMPORAL_CLI}`);
  return PROJECT_TEMPORAL_CLI;
}

/** Opt-in (TEMPORAL_CLI_DOWNLOAD=1): lets the SDK download its default CLI, then keeps it in .tools/bin. Needs internet. */
async function downloadWithSdk(log: Log): Promise<string> {
  const downloadDir = path.join(PROJECT_ROOT, '.tools', 'download');
  mkdirSync(downloadDir, { recursive: true });
  log(`Downloading the Temporal CLI through @temporalio/testing into ${downloadDir}...`);
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    // The SDK only downloads as part of starting a server, so start a throwaway one and stop it at once.
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch (err) {
    throw new Error(
      `TEMPORAL_CLI_DOWNLOAD=1: the SDK could not download the Temporal CLI (it needs internet and the dev dependency @temporalio/testing): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const downloaded = readdirSync(downloadDir)
    .map((name) => path.join(downloadDir, name))
    .find((file) => path.basename(file).startsWith('temporal') && isExecutableFile(file));
  if (!downloaded) throw new Error(`the SDK reported a download but no executable is in ${downloadDir}`);
  mkdirSync(TOOLS_BIN, { recursive: true });
  renameSync(downloaded, PROJECT_TEMPORAL_CLI);
  log(`Temporal CLI downloaded: ${PROJECT_TEMPORAL_CLI}`);
  return PROJECT_TEMPORAL_CLI;
}

/**
 * The CLI already there, in the README's order: TEMPORAL_CLI → <project>/.tools/bin/temporal → `temporal` on PATH;
 * null when there is none. Never builds or downloads (the tests use this).
 */
export function findTemporalCli(
  env: NodeJS.ProcessEnv = process.env,
  projectCli = PROJECT_TEMPORAL_CLI,
): string | null {
  const fromEnv = env.TEMPORAL_CLI;
  if (fromEnv) {
    const resolved = path.resolve(fromEnv);
    if (!isExecutableFile(resolved))
      throw new Error(`TEMPORAL_CLI is set to ${fromEnv}, which is not an executable file`);
    return resolved;
  }
  if (isExecutableFile(projectCli)) return projectCli;
  return findOnPath('temporal', env.PATH ?? '');
}

/** TEMPORAL_CLI → <project>/.tools/bin/temporal → `temporal` on PATH → build with Go → (opt-in) SDK download. */
export async function findOrBuildTemporalCli(log: Log = toStderr): Promise<string> {
  const found = findTemporalCli();
  if (found) return found;
  const go = findOnPath('go');
  if (go) return buildWithGo(go, log);
  if (process.env.TEMPORAL_CLI_DOWNLOAD === '1') return downloadWithSdk(log);
  throw new Error(
    [
      'The Temporal CLI was not found and cannot be built: Go is not installed.',
      `  - install Go (https://go.dev/dl/) and run this again: it builds ${TEMPORAL_CLI_VERSION} into .tools/bin (once, ~6 minutes), or`,
      '  - set TEMPORAL_CLI to the path of an existing `temporal` executable, or',
      '  - with internet access, set TEMPORAL_CLI_DOWNLOAD=1 to let the Temporal SDK download its default CLI.',
    ].join('\n'),
  );
}

if (require.main === module) {
  findOrBuildTemporalCli()
    .then((cliPath) => console.log(cliPath))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
