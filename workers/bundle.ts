import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WORKFLOWS_PATH } from './createWorker';

/** Builds the workflow bundle ahead of time, so a worker starts without webpack (Dockerfile, tests). */
export async function writeWorkflowBundle(outputPath: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: {
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      debug: () => undefined,
      trace: () => undefined,
      log: () => undefined,
    },
  });
  await mkdir(path.dirname(outputPath), { recursive: true });
  await writeFile(outputPath, code);
  return outputPath;
}

if (require.main === module) {
  const output = process.argv[2] ?? path.join(__dirname, '..', 'dist', 'workflow-bundle.js');
  writeWorkflowBundle(output)
    .then((file) => console.log(`workflow bundle written to ${file}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
