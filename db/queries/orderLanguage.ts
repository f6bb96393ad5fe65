import type { Pool, PoolClient } from 'pg';
import { SMS_LANGUAGES, type SmsLanguage } from '../../domain/sms/templates';

/**
 * The language of a work order's texts with its tenant, when the tenant's own text told us (metadata.tenantLanguage):
 * the order reported in Spanish by a tenant on file as English is followed in Spanish, and their next order by its
 * own text. The tenant's record (what the property manager entered) is never changed by a text; an order whose
 * texts told nothing follows it.
 */
const METADATA_KEY = 'tenantLanguage';

export function orderLanguageSql(workOrderAlias: string): string {
  return `(${workOrderAlias}.metadata->>'${METADATA_KEY}')`;
}

/** The language as a new order's metadata, so that the order's INSERT writes it: nothing when the text did not tell. */
export function orderLanguageMetadata(language: SmsLanguage | null): { tenantLanguage?: SmsLanguage } {
  return language ? { [METADATA_KEY]: language } : {};
}

/** Remembers the language the tenant wrote in on the order (in the caller's transaction, beside the text it came from). */
export async function rememberOrderLanguage(
  db: Pool | PoolClient,
  workOrderNumber: number,
  language: SmsLanguage,
): Promise<void> {
  await db.query(
    `UPDATE work_orders SET metadata = metadata || jsonb_build_object($3::text, $2::text) WHERE number = $1`,
    [workOrderNumber, language, METADATA_KEY],
  );
}

/** What the database holds, as an SMS language: anything else (nothing, a value from elsewhere) is `fallback`. */
export function smsLanguageOr(value: string | null | undefined, fallback: SmsLanguage): SmsLanguage {
  return SMS_LANGUAGES.find((language) => language === value) ?? fallback;
}
