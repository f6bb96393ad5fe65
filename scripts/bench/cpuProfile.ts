/**
 * A CPU profile of every JavaScript thread of this process over a window: the main thread (API, activities, the
 * client, the Temporal SDK's dispatch and protobuf) and the worker threads, among them the SDK's workflow thread where
 * every workflow activation runs. Through the inspector protocol from inside the process (no flag, no restart): the
 * `Profiler` domain on the main thread, and the same domain in each worker thread through `NodeWorker`. The
 * profiles are Chrome DevTools' `.cpuprofile` format (writeProfiles); profileSummary.ts reads them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector';
import path from 'node:path';

export interface ThreadProfile {
  /** "main", or the worker thread's title and script. */
  thread: string;
  kind: 'main' | 'workflow' | 'other';
  profile: inspector.Profiler.Profile;
}

/** Microseconds between samples: V8's default (1 ms) would miss most of a 30 ms workflow task's detail. */
const SAMPLING_INTERVAL_US = 500;

interface WorkerInfo {
  workerId: string;
  title: string;
  url: string;
}

/** Starts the profiler on every thread now; `stop()` returns their profiles. */
export async function profileThreads(): Promise<{ stop(): Promise<ThreadProfile[]> }> {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
    );
  const workers = new Map<string, WorkerInfo>();
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  session.on('NodeWorker.attachedToWorker', (message: { params: { sessionId: string; workerInfo: WorkerInfo } }) => {
    workers.set(message.params.sessionId, message.params.workerInfo);
  });
  session.on('NodeWorker.receivedMessageFromWorker', (message: { params: { message: string } }) => {
    const reply = JSON.parse(message.params.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = reply.id === undefined ? undefined : pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id!);
    if (reply.error) waiter.reject(new Error(reply.error.message));
    else waiter.resolve(reply.result);
  });
  const inWorker = <T>(sessionId: string, method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      void post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) });
    });

  await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  // The threads already running attach at once; give the events a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  for (const sessionId of workers.keys()) {
    await inWorker(sessionId, 'Profiler.enable');
    await inWorker(sessionId, 'Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  }
  await post('Profiler.start');
  for (const sessionId of workers.keys()) await inWorker(sessionId, 'Profiler.start');

  return {
    async stop() {
      const threads: ThreadProfile[] = [];
      const main = await post<{ profile: inspector.Profiler.Profile }>('Profiler.stop');
      threads.push({ thread: 'main', kind: 'main', profile: main.profile });
      for (const [sessionId, info] of workers) {
        const { profile } = await inWorker<{ profile: inspector.Profiler.Profile }>(sessionId, 'Profiler.stop');
        const kind = /workflow-worker-thread/.test(info.url) ? 'workflow' : 'other';
        threads.push({ thread: `${info.title} ${info.url}`.trim(), kind, profile });
      }
      await post('NodeWorker.disable').catch(() => undefined);
      session.disconnect();
      return threads;
    },
  };
}

function busySamples(profile: inspector.Profiler.Profile): number {
  const idle = new Set(
    profile.nodes.filter((n) => ['(idle)', '(root)'].includes(n.callFrame.functionName)).map((n) => n.id),
  );
  return (profile.samples ?? []).filter((id) => !idle.has(id)).length;
}

/** Writes each thread's profile as `<prefix>-<thread>.cpuprofile` (open it in Chrome DevTools' Performance panel); returns the paths. */
export async function writeProfiles(prefix: string, threads: ThreadProfile[]): Promise<string[]> {
  await mkdir(path.dirname(prefix), { recursive: true });
  const written: string[] = [];
  for (const [i, thread] of threads.entries()) {
    // Threads that did next to nothing (tsx's loader threads): not worth a file.
    if (thread.kind === 'other' && busySamples(thread.profile) < 100) continue;
    const file = `${prefix}-${thread.kind === 'main' ? 'main' : `${thread.kind}-${i}`}.cpuprofile`;
    await writeFile(file, JSON.stringify(thread.profile));
    written.push(file);
  }
  return written;
}
