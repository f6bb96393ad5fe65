import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

async function run(
  drainMs: number,
  signals: Array<{ afterMs: number; signal: NodeJS.Signals }>,
): Promise<{ code: number | null; lines: string[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('test', 'fixtures', 'shutdownSignals.ts'), String(drainMs)],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    if (lines.includes('ready')) ready();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await started;
  for (const { afterMs, signal } of signals) {
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    child.kill(signal);
  }
  return { code: await exited, lines };
}

test('every service of the process drains, then it exits 0', async () => {
  const { code, lines } = await run(300, [{ afterMs: 0, signal: 'SIGTERM' }]);
  expect(code).toBe(0);
  expect(lines).toEqual([
    'ready',
    'SIGTERM: finishing in-flight work before exiting (send it again to exit at once)',
    'fast service drained',
    'slow service drained',
    expect.stringMatching(/^stopped cleanly in \d+ ms$/),
  ]);
});

test('a repeat within a second is the same signal relayed; a later one exits at once with 128 + its number', async () => {
  const { code, lines } = await run(5000, [
    { afterMs: 0, signal: 'SIGINT' },
    { afterMs: 100, signal: 'SIGINT' },
    { afterMs: 1200, signal: 'SIGINT' },
  ]);
  expect(code).toBe(130);
  expect(lines).toEqual([
    'ready',
    'SIGINT: finishing in-flight work before exiting (send it again to exit at once)',
    'fast service drained',
    'SIGINT again: exiting without finishing',
  ]);
});
