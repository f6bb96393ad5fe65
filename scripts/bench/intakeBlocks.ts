/**
 * A block of the intake benchmark (intake.ts): messages of one kind posted to the SMS webhook by a few clients in a
 * closed loop, each answer timed and its TwiML read.
 */
import { performance } from 'node:perf_hooks';
import type { SmsLanguage } from '../../domain/sms/templates';
import type { TestSystem } from '../../test/support/system';

/** A new problem, HELP (baseline A), an intake message's MessageSid posted again (baseline B). */
export type Kind = 'intake' | 'help' | 'duplicate';

/** The kinds in the order the report and the run's JSON list them. */
export const KINDS: readonly Kind[] = ['intake', 'help', 'duplicate'];

export interface Message {
  kind: Kind;
  sid: string;
  from: string;
  body: string;
  language: SmsLanguage;
}

export interface Answer {
  message: Message;
  status: number;
  /** The text of the TwiML <Message>, unescaped; '' when there was none. */
  reply: string;
  latencyMs: number;
  error?: string;
}

export interface Block {
  kind: Kind;
  answers: Answer[];
  wallMs: number;
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

export function twimlMessage(xml: string): string {
  const inner = /<Message>([\s\S]*)<\/Message>/.exec(xml)?.[1] ?? '';
  return inner.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity] ?? entity);
}

async function post(system: TestSystem, message: Message): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await system.textFrom(message.from, message.body, message.sid);
    return {
      message,
      status: response.status,
      reply: twimlMessage(response.text),
      latencyMs: performance.now() - started,
    };
  } catch (err) {
    return { message, status: 0, reply: '', latencyMs: performance.now() - started, error: (err as Error).message };
  }
}

/** Posts `messages` with at most `concurrency` in flight (closed loop: each slot posts its next one as soon as its answer is in), timing each. */
export async function runBlock(
  system: TestSystem,
  kind: Kind,
  messages: Message[],
  concurrency: number,
  stopped: () => boolean,
): Promise<Block> {
  const answers: Answer[] = new Array<Answer>(messages.length);
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < messages.length && !stopped()) {
      const index = next++;
      answers[index] = await post(system, messages[index]!);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, slot));
  return { kind, answers: answers.filter(Boolean), wallMs: performance.now() - started };
}
