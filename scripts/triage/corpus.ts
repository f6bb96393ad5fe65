import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCorpus, type LabelledMessage } from './splitCorpus';

/** tuning: written and tuned against; heldout-round1 to -round3: held out, measured once each, then opened for tuning; heldout: the judge. */
export const PARTS = ['tuning', 'heldout-round1', 'heldout-round2', 'heldout-round3', 'heldout'] as const;
export type CorpusPart = (typeof PARTS)[number];

export const CORPUS_DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'triage');

/** One part of the labelled corpus (test/fixtures/triage/<part>.json), validated. */
export function loadPart(part: CorpusPart, dir = CORPUS_DIR): LabelledMessage[] {
  return parseCorpus(JSON.parse(readFileSync(path.join(dir, `${part}.json`), 'utf8')));
}
