/**
 * Tells the failures another try cannot fix from those it can: an activity that Postgres refuses for its data,
 * or whose stored input fails validation, fails at once (non-retryable, `PermanentDataError`) and the workflow
 * hands the step to a coordinator, instead of retrying the same statement until its retry bound runs out.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { ZodError } from 'zod';
import { FailureType } from '../domain/failures';
import { cutText, repairText } from '../domain/text';

/**
 * SQLSTATE classes that mean "this statement with this data will always fail": 22 data exception (a NUL byte, a
 * value out of range), 23 integrity constraint violation, 42 syntax error or access rule violation (a bug),
 * 54 program limit exceeded, 0A feature not supported. Connection (08), transaction rollback (40), resources (53),
 * operator intervention (57) and system errors (58) are worth another try.
 */
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23', '42', '54', '0A']);

/** A Postgres error code (`pg`'s DatabaseError carries it as `code`), or null for anything else. */
function sqlState(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The non-retryable failure to throw instead of `err`, or null when another try may succeed. */
export function permanentFailureOf(err: unknown): ApplicationFailure | null {
  if (err instanceof ApplicationFailure) return null;
  const state = sqlState(err);
  if (state && PERMANENT_SQLSTATE_CLASSES.has(state.slice(0, 2))) {
    return ApplicationFailure.create({
      type: FailureType.PermanentDataError,
      message: `Postgres refused it (${state}): ${(err as Error).message}`,
      nonRetryable: true,
      cause: err as Error,
    });
  }
  if (err instanceof ZodError) {
    const where = err.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return ApplicationFailure.create({
      type: FailureType.PermanentDataError,
      message: `invalid data: ${where}`,
      nonRetryable: true,
      cause: err,
    });
  }
  return null;
}

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/** Longest error message an activity hands to the workflow (it lands in events and the state query). */
const MESSAGE_LIMIT = 1000;

/**
 * The error with a message the record can hold: a Postgres error may quote the value it refused (a NUL, a lone
 * surrogate), and the workflow writes the message to an event's JSON, which must not fail for the same reason.
 */
function printable<E>(err: E): E {
  if (!(err instanceof Error)) return err;
  const repaired = repairText(err.message).text;
  if (repaired !== err.message || repaired.length > MESSAGE_LIMIT) err.message = cutText(repaired, MESSAGE_LIMIT);
  return err;
}

/**
 * Wraps every activity so that a permanent failure is thrown as one, the rest as it is (and retried), each with a
 * printable message.
 */
export function withPermanentFailures<T extends Record<string, ActivityFunction>>(activities: T): T {
  const wrapped: Record<string, ActivityFunction> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (err) {
        const clean = printable(err); // the cause travels with the failure too
        throw printable(permanentFailureOf(clean) ?? clean);
      }
    };
  }
  return wrapped as T;
}
