import { APIConnectionTimeoutError, APIError, AuthenticationError } from '@anthropic-ai/sdk';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { ClassifierFailureReason } from './classifier';

/** Why a Claude call gave no usable answer, in words for the decision trail. */
export interface ClaudeFailure {
  reason: ClassifierFailureReason;
  message: string;
}

/** Maps what the SDK threw (or our own deadline) to a failure reason; shared by every Claude adapter. */
export function claudeFailure(error: unknown, pastDeadline: boolean, deadlineMs: number): ClaudeFailure {
  if (pastDeadline) return { message: `Claude did not answer within ${deadlineMs} ms`, reason: 'timeout' };
  if (error instanceof APIConnectionTimeoutError)
    return { message: `Claude timed out: ${error.message}`, reason: 'timeout' };
  // The SDK JSON.parses a 2xx body itself and lets the SyntaxError through unwrapped. It comes from fetch's realm,
  // which is not the caller's under jest: compare names, not classes.
  if (describe(error).name === 'SyntaxError')
    return { message: `Claude's answer is not valid JSON: ${describe(error).message}`, reason: 'malformed' };
  if (error instanceof AuthenticationError)
    return { message: `Claude refused the API key (HTTP 401): ${error.message}`, reason: 'other' };
  if (error instanceof APIError && error.status === 429)
    return { message: `Claude is rate limiting us (HTTP 429): ${error.message}`, reason: 'rate_limited' };
  if (error instanceof APIError && error.status !== undefined && error.status >= 500) {
    return { message: `Claude is failing (HTTP ${error.status}): ${error.message}`, reason: 'server_error' };
  }
  const { name, message } = describe(error);
  return { message: `Claude call failed: ${name}: ${message}`, reason: 'other' };
}

/** A 200 whose body is not a JSON object (an HTML error page, say) reaches us as a string. */
export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { content?: unknown }).content) &&
    typeof (value as { model?: unknown }).model === 'string'
  );
}

/** `instanceof Error` is false for errors from another realm, as fetch's are under jest. */
function describe(error: unknown): { name: string; message: string } {
  if (typeof error !== 'object' || error === null) return { name: typeof error, message: String(error) };
  const { name, message } = error as { name?: unknown; message?: unknown };
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
  };
}
