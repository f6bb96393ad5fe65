/**
 * What a CPU profile of the worker/API process (cpuProfile.ts) says, in numbers: busy time per thread, the functions
 * and modules with the most self time, and the share of the busy time in each kind of work. Pure.
 *
 * Kinds of work, by the first rule that matches a sample (its own frame first, then its callers):
 * - workflow activation: any busy sample of the SDK's workflow thread (the workflow code, the SDK's workflow runtime);
 * - protobuf: frames of protobufjs or @temporalio/proto (activations and completions between Core and the threads);
 * - pg: frames of the Postgres client (pg, pg-protocol, pg-types, pg-pool);
 * - JSON and payloads: the functions that call JSON.parse / JSON.stringify, which V8 does not profile apart (the SDK's
 *   payload converters, Express's body parser and res.json, pg's JSON type parser); so a lower bound of JSON's cost;
 * - then by the nearest caller that is ours or a known library: activities (activities/), API (api/, Express), the
 *   benchmark's client (scripts/bench, test/support, supertest), the Temporal SDK on the main thread (the Core bridge,
 *   activation and activity dispatch), database and domain code called from elsewhere;
 * - garbage collection, and "(program)" (native code V8 cannot attribute: the Core bridge, libuv); idle is not busy.
 */
import type inspector from 'node:inspector';
import type { ThreadProfile } from './cpuProfile';

type Node = inspector.Profiler.ProfileNode;

export interface Share {
  name: string;
  ms: number;
  /** Of the busy time of every thread. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  threads: Array<{ thread: string; kind: string; busyMs: number; idleMs: number }>;
  categories: Share[];
  modules: Share[];
  functions: Array<Share & { location: string }>;
}

const PG = /\/node_modules\/(pg|pg-protocol|pg-types|pg-pool|pg-connection-string|postgres-[a-z]+)\//;
const PROTOBUF = /\/node_modules\/(protobufjs|@protobufjs\/[^/]+|@temporalio\/proto)\//;
const JSON_CALLERS =
  /\/node_modules\/(@temporalio\/common\/lib\/converter\/|body-parser\/|express\/lib\/response|pg-types\/lib\/(arrayParser|textParsers))/;
const SDK = /\/node_modules\/(@temporalio\/(worker|client|common|core-bridge|activity)|rxjs|@grpc|long)\//;
const EXPRESS = /\/node_modules\/(express|router|body-parser|on-finished|finalhandler|send|raw-body|qs|helmet)\//;
const CLIENT = /\/node_modules\/(supertest|superagent|formidable)\//;

/** The kind of work of a frame by itself, or null when only its callers can tell. */
function ownKind(url: string, root: string): string | null {
  if (PROTOBUF.test(url)) return 'protobuf (activations, completions)';
  if (PG.test(url)) return 'pg (Postgres client)';
  if (JSON_CALLERS.test(url)) return 'JSON and payload conversion';
  return callerKind(url, root);
}

/** The kind of work a caller's frame says its callees do for it, or null to look further up. */
function callerKind(url: string, root: string): string | null {
  const file = url.replace(/^file:\/\//, '');
  if (file.startsWith(`${root}/activities/`)) return 'activities';
  if (file.startsWith(`${root}/api/`) || EXPRESS.test(file)) return 'API (Express and api/)';
  if (file.startsWith(`${root}/scripts/bench/`) || file.startsWith(`${root}/test/support/`) || CLIENT.test(file))
    return "benchmark's client";
  if (SDK.test(file)) return 'Temporal SDK, main thread (Core bridge, dispatch)';
  return null;
}

/** Where a frame's code lives: a package, a folder of the project, Node's internals, or V8's pseudo-frames. */
export function moduleOf(url: string, functionName: string, root: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native (builtins, the Core bridge)';
  if (url.startsWith('node:')) return 'node internals';
  if (url.startsWith('evalmachine.')) return 'workflow bundle';
  const file = url.replace(/^file:\/\//, '');
  const inModules = /\/node_modules\/((@[^/]+\/)?[^/]+)\//.exec(file);
  if (inModules) return inModules[1]!;
  if (file.startsWith(`${root}/.data/`)) return 'workflow bundle';
  if (file.startsWith(`${root}/`)) return `${file.slice(root.length + 1).split('/')[0]}/`;
  return file;
}

/** Milliseconds of self time per node id, from the samples and their time deltas (the last sample gets the mean). */
function selfMs(profile: inspector.Profiler.Profile): Map<number, number> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const mean = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
  const out = new Map<number, number>();
  samples.forEach((id, i) => {
    const us = i + 1 < deltas.length ? deltas[i + 1]! : mean;
    out.set(id, (out.get(id) ?? 0) + Math.max(0, us) / 1000);
  });
  return out;
}

const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

export function summarizeProfiles(threads: readonly ThreadProfile[], root: string, top = 15): ProfileSummary {
  const categories = new Map<string, number>();
  const modules = new Map<string, number>();
  const functions = new Map<string, { name: string; location: string; ms: number }>();
  const threadRows: ProfileSummary['threads'] = [];
  for (const { thread, kind, profile } of threads) {
    const byId = new Map<number, Node>(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const kindOf = new Map<number, string>();
    const categoryOf = (id: number): string => {
      const known = kindOf.get(id);
      if (known) return known;
      const frame = byId.get(id)!.callFrame;
      let found: string | null;
      if (frame.functionName === '(garbage collector)') found = 'garbage collection';
      else if (frame.functionName === '(program)') found = '(program): native, unattributed';
      else if (kind === 'workflow') found = 'workflow activation (workflow thread)';
      else found = ownKind(frame.url, root);
      if (!found) {
        for (let up = parent.get(id); up !== undefined && !found; up = parent.get(up))
          found = callerKind(byId.get(up)!.callFrame.url, root);
        found ??= 'other (Node internals, timers, sockets)';
      }
      kindOf.set(id, found);
      return found;
    };
    let busyMs = 0;
    let idleMs = 0;
    for (const [id, ms] of selfMs(profile)) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)' || frame.functionName === '(root)') {
        idleMs += ms;
        continue;
      }
      busyMs += ms;
      add(categories, categoryOf(id), ms);
      add(modules, moduleOf(frame.url, frame.functionName, root), ms);
      const location = frame.url
        ? `${moduleOf(frame.url, frame.functionName, root)} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`
        : '';
      const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
      const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', location, ms: 0 };
      entry.ms += ms;
      functions.set(key, entry);
    }
    threadRows.push({ thread, kind, busyMs, idleMs });
  }
  const busyMs = threadRows.reduce((sum, t) => sum + t.busyMs, 0);
  const shares = (map: Map<string, number>) =>
    [...map.entries()].map(([name, ms]) => ({ name, ms, share: ms / busyMs })).sort((a, b) => b.ms - a.ms);
  return {
    busyMs,
    threads: threadRows,
    categories: shares(categories),
    modules: shares(modules).slice(0, top),
    functions: [...functions.values()]
      .map((f) => ({ ...f, share: f.ms / busyMs }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

const pct = (share: number) => `${(100 * share).toFixed(1)}%`;

/** The summary as markdown: threads, kinds of work, modules and functions by self time. */
export function renderProfileSummary(summary: ProfileSummary, wallSeconds: number): string {
  const threads = summary.threads
    .filter((t) => t.kind !== 'other' || t.busyMs >= 50)
    .map(
      (t) =>
        `${t.kind === 'main' ? 'main thread' : t.kind === 'workflow' ? 'workflow thread' : t.thread} ${(t.busyMs / 1000).toFixed(1)} s busy`,
    )
    .join(', ');
  const list = (rows: Share[]) => rows.map((r) => `${r.name} ${pct(r.share)}`).join(', ');
  return [
    `Busy ${(summary.busyMs / 1000).toFixed(1)} s of CPU over ${wallSeconds.toFixed(1)} s (${threads}).`,
    '',
    `By kind of work: ${list(summary.categories)}.`,
    '',
    `By module (self time): ${list(summary.modules)}.`,
    '',
    '| function (self time) | where | ms | share |',
    '| --- | --- | ---: | ---: |',
    ...summary.functions.map((f) => `| \`${f.name}\` | ${f.location} | ${f.ms.toFixed(0)} | ${pct(f.share)} |`),
  ].join('\n');
}
