/**
 * Assembles a new held-out part from its writers' files, once (after the last one was measured and opened for tuning):
 *   npx tsx scripts/triage/assembleHeldout.ts <writer-a.json> <writer-b.json> … [--seed 16]
 * Each writer's records carry no id. They are shuffled together (seeded) and numbered from the next thousand above
 * every id in the open parts (t5001…, t6001…), so an id says nothing about a label or a writer; a text already in another part of the corpus is dropped and reported, so no tuned-on
 * message is measured as new. Refuses to run while heldout.json exists.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { normalizeDescription } from '../../domain/classification';
import { CORPUS_DIR, loadPart, PARTS } from './corpus';
import { parseCorpus, seededRandom, type LabelledMessage } from './splitCorpus';

const DEFAULT_SEED = 16;

export function assembleHeldout(
  writerFiles: unknown[][],
  openParts: LabelledMessage[],
  seed = DEFAULT_SEED,
): { heldout: LabelledMessage[]; dropped: string[] } {
  const highest = Math.max(0, ...openParts.map((m) => Number(m.id.slice(1))));
  const firstId = Math.ceil((highest + 1) / 1000) * 1000 + 1;
  const known = new Set(openParts.map((m) => normalizeDescription(m.text)));
  const seen = new Set<string>();
  const dropped: string[] = [];
  const records = writerFiles.flat().filter((record) => {
    const text = (record as { text?: unknown }).text;
    const key = typeof text === 'string' ? normalizeDescription(text) : '';
    if (known.has(key) || seen.has(key)) {
      dropped.push(String(text));
      return false;
    }
    seen.add(key);
    return true;
  });
  const random = seededRandom(seed);
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  const numbered = records.map((record, i) => ({ id: `t${firstId + i}`, ...(record as object) }));
  return { heldout: parseCorpus(numbered), dropped };
}

function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  const files = seedAt >= 0 ? args.filter((_, i) => i !== seedAt && i !== seedAt + 1) : args;
  if (files.length === 0) throw new Error('usage: npx tsx scripts/triage/assembleHeldout.ts <writer.json>… [--seed N]');
  const target = path.join(CORPUS_DIR, 'heldout.json');
  if (existsSync(target)) throw new Error(`${target} exists: the held-out part is assembled once`);
  const open = PARTS.filter((part) => part !== 'heldout').flatMap((part) => loadPart(part));
  const { heldout, dropped } = assembleHeldout(
    files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown[]),
    open,
    seed,
  );
  writeFileSync(target, `${JSON.stringify(heldout, null, 2)}\n`, { flag: 'wx' });
  console.log(`held out: ${heldout.length} messages -> ${target}`);
  for (const text of dropped) console.log(`dropped (already in an open part, or twice): ${text}`);
}

if (require.main === module) {
  try {
    main();
  } catch (err: unknown) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
