import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import { skipTakenNumber, TAKEN_NUMBER_ATTEMPTS } from '../../db/numbering/takenNumbers';
import { rememberOrderLanguage } from '../../db/queries/orderLanguage';
import { e164PhoneSchema } from '../../domain/phone';
import { heldTextsDescription, type HeldTextsDescription } from '../../domain/sms/heldTexts';
import type { SmsLanguage } from '../../domain/sms/templates';
import type { Actor } from '../../domain/actor';
import { ClaimedNumberTaken, createWorkOrderIn, numberingLog, type NumberClaim } from '../commands/createWorkOrder';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { addPortfolioRecord } from '../portfolio/addPortfolioRecord';
import { openHold, type OpenHold } from './heldTextHolds';
import { detectTextLanguage } from './languageDetector';

export interface AttachRequest {
  unitId: number;
  /**
   * The sender becomes a tenant of the unit under this name (in this language, else the one their texts are written
   * in): the order is theirs and the workflow texts them about it. Without it the order is the unit's, and its tenant
   * on file (if any) is the one texted.
   */
  senderAsTenant?: { name: string; language?: SmsLanguage };
}

export interface AttachedHold {
  holdId: number;
  status: 'attached';
  workOrderNumber: number;
  workflowId: string;
  unitId: number;
  /** The order's tenant: the sender when they became one, else the unit's tenant on file (null when none). */
  tenantId: number | null;
  senderIsTenant: boolean;
}

/**
 * A coordinator attaches an unknown sender's held texts to a unit: a work order opens with the sender's words, through
 * the same command (and the same claimed-number pattern) as an SMS intake, so attaching twice opens one order: the
 * second attach finds the hold attached (409), and an attach whose commit failed after its workflow started is finished
 * by its retry as that same order. What is checked comes first: the hold is open (404/409), the unit exists (404).
 * The sender made a tenant is committed on its own, before the order, and found again by a retry.
 */
export async function attachHeldText(
  deps: ApiDeps,
  holdId: number,
  request: AttachRequest,
  actor: Actor,
): Promise<AttachedHold> {
  const hold = await openHold(deps.pool, holdId, false);
  const unit = await deps.pool.query('SELECT 1 FROM units WHERE id = $1', [request.unitId]);
  if (unit.rowCount === 0)
    throw new AppError(404, 'not_found', `unit ${request.unitId} not found`, [
      { path: 'body.unitId', message: 'not found' },
    ]);
  const words = heldTextsDescription(hold.texts, hold.texts[hold.texts.length - 1] ?? '', lastTextOnlyNamesUnit(hold));
  const written = await detectTextLanguage(words.description, deps.logger);
  const senderTenantId = request.senderAsTenant
    ? await senderAsTenant(deps.pool, hold, request.unitId, request.senderAsTenant, written, actor)
    : null;

  let claim = await claimHoldNumber(deps.pool, holdId);
  for (let moves = 0; ;) {
    try {
      return await inTransaction(deps.pool, (client) =>
        attachOnce(client, deps, { holdId, unitId: request.unitId, senderTenantId, words, written, claim, actor }),
      );
    } catch (err) {
      if (err instanceof ClaimedNumberTaken && moves++ < TAKEN_NUMBER_ATTEMPTS)
        claim = await moveHoldClaim(deps, holdId, err);
      else throw err;
    }
  }
}

/** A held text that named a unit we could not use, and said little else ("Maple Court 4B"): not part of the problem. */
function lastTextOnlyNamesUnit(hold: OpenHold): boolean {
  const last = hold.texts[hold.texts.length - 1] ?? '';
  return (
    hold.status === 'held' &&
    hold.texts.length > 1 &&
    last
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ').length <= 5
  );
}

/** The sender as a tenant of the unit: the one on file with their number (in this unit), or a new record. */
async function senderAsTenant(
  pool: Pool,
  hold: OpenHold,
  unitId: number,
  tenant: NonNullable<AttachRequest['senderAsTenant']>,
  written: SmsLanguage | null,
  actor: Actor,
): Promise<number> {
  if (!e164PhoneSchema.safeParse(hold.phone).success) {
    throw new AppError(409, 'conflict', `the sender's number (${hold.phone}) is no phone number a tenant can have`, [
      { path: 'body.senderAsTenant', message: 'the sender cannot be a tenant' },
    ]);
  }
  const onFile = await pool.query<{ id: number; unitId: number }>(
    'SELECT id::int AS id, unit_id::int AS "unitId" FROM tenants WHERE phone = $1',
    [hold.phone],
  );
  const known = onFile.rows[0];
  if (known && known.unitId === unitId) return known.id;
  if (known)
    throw new AppError(409, 'conflict', `the sender is tenant ${known.id} of unit ${known.unitId} already`, [
      { path: 'body.unitId', message: `the sender lives in unit ${known.unitId}` },
    ]);
  const added = await addPortfolioRecord(
    pool,
    {
      kind: 'tenants',
      body: { unitId, name: tenant.name, phone: hold.phone, language: tenant.language ?? written ?? 'en' },
    },
    actor,
  );
  return added.id as number;
}

const claimKey = (holdId: number) => `sms-hold:${holdId}`;

/** The hold's work order number, claimed and committed before its workflow starts (or the one an earlier attempt claimed). */
async function claimHoldNumber(pool: Pool, holdId: number): Promise<NumberClaim> {
  const { rows } = await pool.query<{ number: number }>(
    `UPDATE sms_intake_holds SET claimed_number = coalesce(claimed_number, nextval('work_order_number_seq')), updated_at = now()
      WHERE id = $1 AND status IN ('awaiting_unit', 'held') RETURNING claimed_number::int AS number`,
    [holdId],
  );
  if (!rows[0]) {
    await openHold(pool, holdId, false); // resolved meanwhile: its 409
    throw new Error(`hold ${holdId} is open but its number could not be claimed`);
  }
  return { number: rows[0].number, key: claimKey(holdId) };
}

/** The claimed number's workflow id is another order's: the sequence moves past Temporal's orders and the claim with it. */
async function moveHoldClaim(deps: ApiDeps, holdId: number, taken: ClaimedNumberTaken): Promise<NumberClaim> {
  await skipTakenNumber(deps.pool, deps.temporal, numberingLog(deps), {
    number: taken.claim.number,
    holder: taken.holder,
    wanting: `held text ${holdId}`,
  });
  await deps.pool.query(
    `UPDATE sms_intake_holds SET claimed_number = nextval('work_order_number_seq') WHERE id = $1 AND claimed_number = $2`,
    [holdId, taken.claim.number],
  );
  return claimHoldNumber(deps.pool, holdId);
}

interface Attach {
  holdId: number;
  unitId: number;
  senderTenantId: number | null;
  words: HeldTextsDescription;
  written: SmsLanguage | null;
  claim: NumberClaim;
  actor: Actor;
}

async function attachOnce(client: PoolClient, deps: ApiDeps, a: Attach): Promise<AttachedHold> {
  const hold = await openHold(client, a.holdId, true);
  const created = await createWorkOrderIn(client, deps, {
    claim: a.claim,
    unitId: a.unitId,
    ...(a.senderTenantId !== null ? { tenantId: a.senderTenantId } : {}),
    description: a.words.description,
    source: 'sms',
    createdBy: a.actor,
    metadata: {
      sms: {
        from: hold.phone,
        unknownNumber: true,
        attachedHold: { holdId: a.holdId, texts: hold.texts.length, descriptionCut: a.words.cut },
      },
    },
  });
  const order = await client.query<{ tenantId: number | null }>(
    'SELECT tenant_id::int AS "tenantId" FROM work_orders WHERE number = $1',
    [created.number],
  );
  const tenantId = order.rows[0]?.tenantId ?? null;
  // The language the sender wrote in is the order's only when the sender is the one the order texts.
  if (a.senderTenantId !== null && a.written) await rememberOrderLanguage(client, created.number, a.written);
  await client.query(
    `UPDATE sms_intake_holds SET status = 'attached', unit_id = $2, work_order_number = $3, resolved_by_type = $4, resolved_by_id = $5, resolved_at = now(), updated_at = now()
      WHERE id = $1`,
    [a.holdId, a.unitId, created.number, a.actor.type, a.actor.id],
  );
  await appendEvent(client, {
    number: created.number,
    type: 'sms_hold_attached',
    actor: a.actor,
    source: 'api',
    payload: {
      holdId: a.holdId,
      unitId: a.unitId,
      tenantId,
      senderIsTenant: a.senderTenantId !== null,
      texts: hold.texts.length,
    },
    idempotencyKey: `sms-hold/${a.holdId}/attached`,
    onDuplicateKey: 'skip',
  });
  return {
    holdId: a.holdId,
    status: 'attached',
    workOrderNumber: created.number,
    workflowId: created.workflowId,
    unitId: a.unitId,
    tenantId,
    senderIsTenant: a.senderTenantId !== null,
  };
}
