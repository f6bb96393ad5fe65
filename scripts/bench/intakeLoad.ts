/**
 * The intake benchmark's load (intake.ts): the tenants' messages of each kind, sent in blocks, first as a warm-up
 * then in interleaved rounds (a round = one block of each kind), so that all three kinds run under the same
 * background load. Keeps every answer for the checks and the measured blocks for the figures.
 */
import { randomBytes } from 'node:crypto';
import type { TestSystem } from '../../test/support/system';
import { runBlock, type Answer, type Block, type Kind, type Message } from './intakeBlocks';
import { HELP, problemText } from './intakeTexts';
import type { Tenant } from './workload';

export interface IntakeAnswers {
  /** Every answer, warm-up included. */
  all: Record<Kind, Answer[]>;
  /** The blocks after the warm-up. */
  measured: Record<Kind, Block[]>;
}

export interface IntakeLoad {
  answers: IntakeAnswers;
  /** `perKind` of each kind, discarded from the figures (JIT, connection pools, the worker's first tasks). */
  warmUp(perKind: number): Promise<void>;
  /** `perKind` of each kind in rounds of blocks of `block`, until done or stopped. */
  measure(perKind: number, block: number): Promise<void>;
}

/** New messages of a kind, from the tenants in turn, each with a new MessageSid. */
function messageSource(tenants: Tenant[]): (kind: 'intake' | 'help', n: number) => Message[] {
  let sequence = 0;
  const newMessage = (kind: 'intake' | 'help'): Message => {
    const i = sequence++;
    const tenant = tenants[i % tenants.length]!;
    const body =
      kind === 'help' ? HELP[tenant.language] : problemText(Math.floor(i / tenants.length) + i, tenant.language);
    return { kind, sid: `SM${randomBytes(16).toString('hex')}`, from: tenant.phone, body, language: tenant.language };
  };
  return (kind, n) => Array.from({ length: n }, () => newMessage(kind));
}

/** The intake messages that were answered, to post again as they were. */
const duplicatesOf = (answers: Answer[]): Message[] =>
  answers.filter((a) => a.status === 200).map((a) => ({ ...a.message, kind: 'duplicate' as const }));

export function intakeLoad(
  system: TestSystem,
  tenants: Tenant[],
  concurrency: number,
  stopped: () => boolean,
): IntakeLoad {
  const newMessages = messageSource(tenants);
  const answers: IntakeAnswers = {
    all: { intake: [], help: [], duplicate: [] },
    measured: { intake: [], help: [], duplicate: [] },
  };
  const send = async (kind: Kind, messages: Message[], warmup: boolean): Promise<Answer[]> => {
    const block = await runBlock(system, kind, messages, concurrency, stopped);
    answers.all[kind].push(...block.answers);
    if (!warmup) answers.measured[kind].push(block);
    return block.answers;
  };
  const round = async (index: number, size: number): Promise<void> => {
    const intakeMessages = newMessages('intake', size);
    const helpMessages = newMessages('help', size);
    // Alternate which kind follows the intake block, so neither baseline always runs right after a burst of new workflows.
    if (index % 2 === 0) {
      const intake = await send('intake', intakeMessages, false);
      await send('help', helpMessages, false);
      await send('duplicate', duplicatesOf(intake), false);
    } else {
      await send('help', helpMessages, false);
      const intake = await send('intake', intakeMessages, false);
      await send('duplicate', duplicatesOf(intake), false);
    }
  };
  return {
    answers,
    async warmUp(perKind) {
      if (perKind === 0) return;
      console.error(`warm-up: ${perKind} of each kind at concurrency ${concurrency}`);
      const warm = await send('intake', newMessages('intake', perKind), true);
      await send('help', newMessages('help', perKind), true);
      await send('duplicate', duplicatesOf(warm), true);
    },
    async measure(perKind, block) {
      const rounds = Math.ceil(perKind / block);
      console.error(`measuring: ${perKind} of each kind in ${rounds} rounds of ${block}, concurrency ${concurrency}`);
      for (let index = 0; index < rounds && !stopped(); index++) {
        await round(index, Math.min(block, perKind - index * block));
        process.stderr.write(`  round ${index + 1}/${rounds} done${process.stderr.isTTY ? '\r' : '\n'}`);
      }
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}
