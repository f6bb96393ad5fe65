import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from './paths';

export interface SourceFile {
  /** Relative to the project root, with forward slashes. */
  name: string;
  text: string;
}

function typeScriptPaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptPaths(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every TypeScript file under these top-level folders, for tests that hold a rule over the code itself. */
export function typeScriptFilesUnder(dirs: string[]): SourceFile[] {
  return dirs
    .flatMap((dir) => typeScriptPaths(join(PROJECT_ROOT, dir)))
    .map((path) => ({ name: relative(PROJECT_ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
}
