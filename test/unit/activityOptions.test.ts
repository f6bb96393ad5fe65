import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActivityOptions } from '@temporalio/workflow';
import * as presets from '../../workflows/activityOptions';
import { PROJECT_ROOT } from '../support/paths';

/**
 * Nothing retries forever: every activity the workflows call is proxied with a preset from
 * workflows/activityOptions.ts, and every preset bounds its attempts. (test/integration/stepFailures.test.ts reads the
 * retry policies Temporal actually recorded.)
 */

function workflowSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return workflowSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const proxies = workflowSources(path.join(PROJECT_ROOT, 'workflows')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/proxy(?:Local)?Activities(?:<[^>]*>)?\(([^)]*)\)/g)].map((m) => ({
    file: path.relative(PROJECT_ROOT, file),
    argument: m[1]!.trim(),
  })),
);

test('the workflows create their activity proxies from named presets only', () => {
  expect(proxies.length).toBeGreaterThan(0);
  for (const proxy of proxies)
    expect({ ...proxy, preset: proxy.argument in presets }).toEqual({ ...proxy, preset: true });
});

test.each(Object.entries(presets as Record<string, ActivityOptions>))(
  'preset %s bounds its attempts and each attempt',
  (_name, options) => {
    const attempts = options.retry?.maximumAttempts ?? 0;
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThanOrEqual(50);
    expect(options.startToCloseTimeout ?? options.scheduleToCloseTimeout).toBeDefined();
  },
);
