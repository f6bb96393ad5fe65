/** A child process of `npm start`: its output prefixed with its name, stopped with SIGTERM then SIGKILL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Running {
  name: string;
  child: ChildProcess;
  /** Resolves once it has exited and its output is printed: its exit code, null when a signal ended it or it never started. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** In its own process group a terminal's Ctrl-C reaches only us, and we stop the children in order. */
  ownProcessGroup: boolean;
  /** Where its lines go, prefixed `[name]` (this process's stdout and stderr by default). */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

function pipeWithPrefix(stream: NodeJS.ReadableStream, prefix: string, out: NodeJS.WritableStream): void {
  createInterface({ input: stream }).on('line', (line) => out.write(`${prefix} ${line}\n`));
}

export function runProcess(name: string, command: string, args: readonly string[], options: RunOptions): Running {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup,
  });
  const prefix = `[${name}]`;
  const stderr = options.stderr ?? process.stderr;
  pipeWithPrefix(child.stdout!, prefix, options.stdout ?? process.stdout);
  pipeWithPrefix(child.stderr!, prefix, stderr);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      stderr.write(`${prefix} could not start: ${err.message}\n`);
      resolve(null);
    });
    // 'close', not 'exit': the child's last output lines are printed by then.
    child.once('close', (code) => resolve(code));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const stop = async (graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      return;
    }
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      stderr.write(`${prefix} did not stop within ${graceMs / 1000}s; killing it\n`);
      child.kill('SIGKILL');
      await exited;
      return;
    }
    const code = await exited;
    if (code !== 0) stderr.write(`${prefix} exited with code ${code} while stopping\n`);
  };
  return { name, child, exited, stop };
}

/** How a child ended, for a log line: "exited with code 1", "was killed by SIGKILL", "could not start". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (code !== null) return `exited with code ${code}`;
  if (signal) return `was killed by ${signal}`;
  return 'could not start';
}
