import type { PoolClient } from 'pg';
import { heldTextsDescription } from '../../domain/sms/heldTexts';
import { parseUnitReference } from '../../domain/sms/unitReference';
import { renderSms } from '../../domain/sms/templates';
import { rememberOrderLanguage, smsLanguageOr } from '../../db/queries/orderLanguage';
import type { ApiDeps } from '../deps';
import type { InboundOutcome, InboundSms } from './inboundSms';
import { detectTextLanguage } from './languageDetector';
import { createOrderFromText } from './orderFromText';

interface Hold {
  id: number;
  texts: string[];
}

/**
 * A number we don't know: keep what they wrote and ask for the unit. The message that names a unit is matched to the
 * tenant on file there and the work order carries the original text; a unit we can't find, or one without a tenant
 * on file, is held for a coordinator. Nothing the person wrote is dropped: texts longer than a description are cut
 * in the order's description and kept whole with the (matched) hold, which the order's metadata names.
 */
export async function continueUnknownSender(
  client: PoolClient,
  deps: ApiDeps,
  sms: InboundSms,
): Promise<InboundOutcome> {
  const open = await client.query<Hold>(
    `SELECT id::int AS id, texts FROM sms_intake_holds WHERE phone = $1 AND status = 'awaiting_unit' FOR UPDATE`,
    [sms.from],
  );
  const texts = [...(open.rows[0]?.texts ?? []), sms.body.trim()];

  const buildings = (await client.query<{ name: string }>('SELECT name FROM buildings ORDER BY name')).rows.map(
    (b) => b.name,
  );
  const reference = parseUnitReference(sms.body, buildings);
  if (!reference) {
    if (open.rows[0])
      await client.query('UPDATE sms_intake_holds SET texts = $2, updated_at = now() WHERE id = $1', [
        open.rows[0].id,
        texts,
      ]);
    else {
      // Two first texts at once from one number: the second joins the first's hold instead of failing.
      await client.query(
        `INSERT INTO sms_intake_holds (phone, texts, status) VALUES ($1, $2, 'awaiting_unit')
         ON CONFLICT (phone) WHERE status = 'awaiting_unit' DO UPDATE SET texts = sms_intake_holds.texts || EXCLUDED.texts, updated_at = now()`,
        [sms.from, texts],
      );
    }
    return { reply: renderSms({ kind: 'ask_unit' }, 'en'), workOrderNumber: null };
  }

  const unit = await client.query<{ unit_id: string; tenant_id: string | null; language: string | null }>(
    `SELECT u.id AS unit_id, t.id AS tenant_id, t.language FROM units u JOIN buildings b ON b.id = u.building_id
       LEFT JOIN LATERAL (SELECT id, language FROM tenants WHERE unit_id = u.id ORDER BY id LIMIT 1) t ON true
      WHERE lower(b.name) = lower($1) AND lower(u.label) = lower($2)`,
    [reference.buildingName, reference.unitLabel],
  );
  const found = unit.rows[0];
  const holdId = open.rows[0]?.id ?? null;
  if (!found?.tenant_id) {
    const reason = found
      ? `unit ${reference.buildingName} - ${reference.unitLabel} has no tenant on file`
      : `no unit ${reference.buildingName} - ${reference.unitLabel}`;
    if (holdId)
      await client.query(
        `UPDATE sms_intake_holds SET texts = $2, status = 'held', reason = $3, unit_id = $4, updated_at = now() WHERE id = $1`,
        [holdId, texts, reason, found?.unit_id ?? null],
      );
    else
      await client.query(
        `INSERT INTO sms_intake_holds (phone, texts, status, reason, unit_id) VALUES ($1, $2, 'held', $3, $4)`,
        [sms.from, texts, reason, found?.unit_id ?? null],
      );
    return {
      reply: renderSms({ kind: found ? 'held_for_coordinator' : 'unit_not_found' }, 'en'),
      workOrderNumber: null,
    };
  }

  const unitOnly =
    sms.body
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ').length <= 5 && texts.length > 1;
  const { description, cut } = heldTextsDescription(texts, sms.body, unitOnly);
  const heldTexts = cut ? { heldTexts: { holdId, texts: texts.length, descriptionCut: true } } : {};
  const created = await createOrderFromText(client, deps, sms.messageSid, {
    tenantId: Number(found.tenant_id),
    description,
    createdBy: { type: 'tenant', id: String(found.tenant_id) },
    metadata: {
      sms: { messageSid: sms.messageSid, from: sms.from, unknownNumber: true, unitReference: reference, ...heldTexts },
    },
  });
  if (holdId)
    await client.query(
      `UPDATE sms_intake_holds SET texts = $2, status = 'matched', unit_id = $3, work_order_number = $4, updated_at = now() WHERE id = $1`,
      [holdId, texts, found.unit_id, created.number],
    );
  // Read from the problem as the order keeps it: the text naming the unit is often only that.
  const written = await detectTextLanguage(description, deps.logger);
  if (written) await rememberOrderLanguage(client, created.number, written);
  const language = written ?? smsLanguageOr(found.language, 'en');
  return {
    reply: renderSms({ kind: 'intake_ack', number: created.number }, language),
    workOrderNumber: created.number,
    workflowStart: created.start,
  };
}
