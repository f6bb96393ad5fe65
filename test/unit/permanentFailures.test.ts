import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { permanentFailureOf, withPermanentFailures } from '../../activities/permanentFailures';
import { FailureType } from '../../domain/failures';

/** What another try can fix is thrown as it is (Temporal retries it); what it can't is non-retryable at once. */

function pgError(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

test.each([
  ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
  ['22P02', 'invalid input syntax for type bigint'],
  ['22008', 'date/time field value out of range'],
  ['23505', 'duplicate key value violates unique constraint'],
  ['23514', 'new row violates check constraint'],
  ['42703', 'column "x" does not exist'],
  ['54000', 'index row size exceeds maximum'],
])('Postgres %s is permanent', (code, message) => {
  const failure = permanentFailureOf(pgError(code, message));
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: FailureType.PermanentDataError, nonRetryable: true });
  expect(failure!.message).toContain(code);
  expect(failure!.message).toContain(message);
});

test.each(['08006', '40001', '40P01', '53300', '57P01', '57P03', '58000', 'XX000'])(
  'Postgres %s is worth another try',
  (code) => {
    expect(permanentFailureOf(pgError(code))).toBeNull();
  },
);

test('network errors, plain errors and failures already typed are thrown as they are', () => {
  expect(permanentFailureOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeNull();
  expect(permanentFailureOf(new Error('work order 7 not found'))).toBeNull();
  expect(permanentFailureOf(ApplicationFailure.create({ type: FailureType.NotFound, nonRetryable: true }))).toBeNull();
});

test('stored data that fails validation is permanent, naming where', () => {
  const parsed = z.object({ rules: z.object({ thresholds: z.number() }) }).safeParse({ rules: { thresholds: 'high' } });
  const failure = permanentFailureOf(parsed.error);
  expect(failure).toMatchObject({ type: FailureType.PermanentDataError, nonRetryable: true });
  expect(failure!.message).toContain('rules.thresholds');
});

test('every wrapped activity converts, passes results through, and keeps its name', async () => {
  const wrapped = withPermanentFailures({
    ok: async (n: number) => n + 1,
    refused: async () => {
      throw pgError('22021');
    },
    flaky: async () => {
      throw pgError('57P01');
    },
  });
  expect(Object.keys(wrapped)).toEqual(['ok', 'refused', 'flaky']);
  await expect(wrapped.ok(1)).resolves.toBe(2);
  await expect(wrapped.refused()).rejects.toMatchObject({ type: FailureType.PermanentDataError, nonRetryable: true });
  await expect(wrapped.flaky()).rejects.toMatchObject({ code: '57P01' });
});

test('a message quoting what Postgres refused is made printable and bounded before it leaves the worker', async () => {
  const wrapped = withPermanentFailures({
    quoting: async () => {
      throw pgError('22P02', `invalid input syntax for type integer: "7\u0000\ud800${'x'.repeat(5000)}"`);
    },
  });
  const thrown = await wrapped.quoting().then(
    () => null,
    (err: Error) => err,
  );
  expect(thrown!.message.includes('\u0000') || thrown!.message.includes('\ud800')).toBe(false);
  expect(thrown!.message).toContain('7\ufffd\ufffd');
  expect(thrown!.message.length).toBeLessThanOrEqual(1000);
});
