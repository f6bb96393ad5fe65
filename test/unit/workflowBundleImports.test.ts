import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

/**
 * With reuseV8Context a worker evaluates every module of the workflow bundle again for each workflow it caches, so a
 * library there costs memory per cached work order: zod in the bundle (through domain/rules.ts) made each cached
 * workflow cost about a megabyte. The workflows import values from zod-free modules only; types are free.
 */
const ALLOWED_PACKAGES = ['@temporalio/workflow', '@temporalio/common'];

/** Value imports and re-exports of a TypeScript file (`import type` and `export type` take nothing into the bundle). */
function valueImports(text: string): string[] {
  const statements = text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms);
  return [...statements].map((m) => m[1]!);
}

function resolveLocal(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${path.relative(PROJECT_ROOT, from)} imports ${specifier}, not found`);
  return found;
}

function bundleGraph(entry: string): { files: string[]; packages: Map<string, string[]> } {
  const seen = new Set<string>();
  const packages = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolveLocal(file, specifier));
      else packages.set(specifier, [...(packages.get(specifier) ?? []), path.relative(PROJECT_ROOT, file)]);
    }
  };
  visit(entry);
  return { files: [...seen].map((f) => path.relative(PROJECT_ROOT, f)), packages };
}

const graph = bundleGraph(path.join(PROJECT_ROOT, 'workflows', 'index.ts'));

test('the walk reaches the workflows and the domain modules they use', () => {
  expect(graph.files).toContain('workflows/workOrder/primitives.ts');
  expect(graph.files).toContain('domain/defaultTimeZone.ts');
  expect(graph.files).toContain('domain/status.ts');
});

test('the workflow bundle takes no package but the Temporal SDK (no zod): each cached workflow evaluates it again', () => {
  const others = [...graph.packages].filter(([name]) => !ALLOWED_PACKAGES.some((allowed) => name.startsWith(allowed)));
  expect(Object.fromEntries(others)).toEqual({});
});

test('a value import of zod anywhere would be seen (the check can fail)', () => {
  expect(valueImports("import { z } from 'zod';\nimport type { Rules } from './rules';")).toEqual(['zod']);
});
