/** npm start's TypeScript children, each one node process under tsx (signals reach it directly, no npx/npm between). */
import { runProcess, type Running } from '../childProcess';
import { PROJECT_ROOT } from '../temporalCli';

export function runScript(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  { ownProcessGroup }: { ownProcessGroup: boolean },
): Running {
  return runProcess(name, process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, env, ownProcessGroup });
}

export async function runToCompletion(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const code = await runScript(name, script, env, { ownProcessGroup: false }).exited;
  if (code !== 0) throw new Error(`${script} failed (exit code ${code}); see the [${name}] lines above`);
}
