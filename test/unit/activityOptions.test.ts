import type { ActivityOptions } from '@temporalio/workflow';
import * as presets from '../../workflows/activityOptions';
import { typeScriptFilesUnder } from '../support/sourceFiles';

/**
 * Nothing retries forever: every activity the workflows call is proxied with a preset from
 * workflows/activityOptions.ts, and every preset bounds its attempts. (test/integration/stepFailures.test.ts reads the
 * retry policies Temporal actually recorded.)
 */

const proxies = typeScriptFilesUnder(['workflows']).flatMap((file) =>
  [...file.text.matchAll(/proxy(?:Local)?Activities(?:<[^>]*>)?\(([^)]*)\)/g)].map((m) => ({
    file: file.name,
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
