/** Who an inbound text is from, read once per text: the SMS channel tells people apart by their number. */
import type { PoolClient } from 'pg';
import type { Coordinator } from './coordinators';
import { smsLanguageOr } from './orderLanguage';
import type { SmsLanguage } from '../../domain/sms/templates';

export interface TenantOnFile {
  id: number;
  language: SmsLanguage;
  unitId: number;
  buildingId: number;
}

export interface SmsSender {
  tenant: TenantOnFile | null;
  optedOut: boolean;
  vendor: boolean;
  /** The active coordinator texting from the number. */
  coordinator: Coordinator | null;
  /** The number is the current rules' admin contact (paged when nobody is on call). */
  adminContact: boolean;
}

interface SenderRow {
  tenant: { id: number; language: string; unitId: number; buildingId: number } | null;
  optedOut: boolean;
  vendor: boolean;
  coordinator: Coordinator | null;
  adminContact: boolean;
}

/** Every role the number has, in one round trip (a tenant may also be a vendor or a coordinator). */
export async function smsSender(client: PoolClient, phone: string): Promise<SmsSender> {
  const { rows } = await client.query<SenderRow>(
    `SELECT
       (SELECT json_build_object('id', t.id, 'language', t.language, 'unitId', t.unit_id, 'buildingId', u.building_id)
          FROM tenants t JOIN units u ON u.id = t.unit_id WHERE t.phone = $1) AS tenant,
       EXISTS (SELECT 1 FROM sms_opt_outs WHERE phone = $1) AS "optedOut",
       EXISTS (SELECT 1 FROM vendors WHERE phone = $1) AS vendor,
       (SELECT json_build_object('id', id, 'name', name, 'phone', phone, 'language', language, 'active', active)
          FROM coordinators WHERE phone = $1 AND active) AS coordinator,
       COALESCE((SELECT rules->'paging'->>'adminPhone' FROM rules ORDER BY version DESC LIMIT 1) = $1, false)
         AS "adminContact"`,
    [phone],
  );
  const row = rows[0]!;
  return {
    tenant: row.tenant
      ? {
          id: Number(row.tenant.id),
          language: smsLanguageOr(row.tenant.language, 'en'),
          unitId: Number(row.tenant.unitId),
          buildingId: Number(row.tenant.buildingId),
        }
      : null,
    optedOut: row.optedOut,
    vendor: row.vendor,
    coordinator: row.coordinator
      ? {
          ...row.coordinator,
          id: Number(row.coordinator.id),
          language: smsLanguageOr(row.coordinator.language, 'en'),
        }
      : null,
    adminContact: row.adminContact,
  };
}
