import type { PoolClient } from 'pg';
import type { Actor } from '../../domain/actor';
import { appendEvent, createdEventKeySql } from './events';

/** The columns an import may write on a closed record (one that has no workflow). */
export interface ImportedRecordColumns {
  status: 'completed' | 'cancelled';
  priority: string | null;
  buildingId: number;
  unitId: number;
  tenantId: number | null;
  description: string;
  vendorId: number | null;
  technicianId: number | null;
  vendorCostCents: number | null;
  completedAt: Date | null;
  /** Null: when the import ran. */
  createdAt: Date | null;
}

export interface ImportedWorkOrder extends Omit<ImportedRecordColumns, 'status' | 'createdAt'> {
  number: number;
  status: string;
  createdAt: Date;
  /** What the source said at the last import (`metadata.appfolio`). */
  facts: Record<string, string | null> | null;
  /** Created through the API command, so a workflow owns it; otherwise a record imported closed. */
  hasWorkflow: boolean;
}

const COLUMN_NAMES: Record<keyof ImportedRecordColumns, string> = {
  status: 'status',
  priority: 'priority',
  buildingId: 'building_id',
  unitId: 'unit_id',
  tenantId: 'tenant_id',
  description: 'description',
  vendorId: 'vendor_id',
  technicianId: 'assigned_technician_id',
  vendorCostCents: 'vendor_cost_cents',
  completedAt: 'completed_at',
  createdAt: 'created_at',
};

/**
 * Serializes every import of one external id until the transaction ends, then finds its record (locked). Two
 * imports of the same file at once therefore see each other's rows; the unique index is the backstop.
 */
export async function lockImported(
  client: PoolClient,
  source: string,
  externalId: string,
): Promise<ImportedWorkOrder | null> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`import:${source}:${externalId}`]);
  const { rows } = await client.query<ImportedWorkOrder>(
    `SELECT number::int AS number, status, priority, building_id::int AS "buildingId", unit_id::int AS "unitId", tenant_id::int AS "tenantId",
            description, vendor_id::int AS "vendorId", assigned_technician_id::int AS "technicianId", vendor_cost_cents AS "vendorCostCents",
            created_at AS "createdAt", completed_at AS "completedAt", metadata->$1 AS facts,
            EXISTS (SELECT 1 FROM events e WHERE e.idempotency_key = ${createdEventKeySql('w.number')}) AS "hasWorkflow"
       FROM work_orders w WHERE external_source = $1 AND external_id = $2 FOR UPDATE`,
    [source, externalId],
  );
  return rows[0] ?? null;
}

/** A record that was already closed at the source: no workflow, no 'created' event. */
export async function insertClosedRecord(
  client: PoolClient,
  record: ImportedRecordColumns & { source: string; externalId: string; facts: Record<string, string | null> },
): Promise<number> {
  const { rows } = await client.query<{ number: number }>(
    `INSERT INTO work_orders (status, priority, requested_priority, building_id, unit_id, tenant_id, description, source, metadata, vendor_id,
                              assigned_technician_id, vendor_cost_cents, external_source, external_id, created_at, completed_at)
     VALUES ($1, $2, $2, $3, $4, $5, $6, 'import', jsonb_build_object($7::text, $8::jsonb), $9, $10, $11, $7, $12, coalesce($13, now()), $14)
     RETURNING number::int AS number`,
    [
      record.status,
      record.priority,
      record.buildingId,
      record.unitId,
      record.tenantId,
      record.description,
      record.source,
      JSON.stringify(record.facts),
      record.vendorId,
      record.technicianId,
      record.vendorCostCents,
      record.externalId,
      record.createdAt,
      record.completedAt,
    ],
  );
  return rows[0]!.number;
}

/** Writes the source's facts, and for a closed record the changed columns. */
export async function updateImported(
  client: PoolClient,
  number: number,
  source: string,
  facts: Record<string, string | null>,
  columns: Partial<ImportedRecordColumns>,
): Promise<void> {
  const values: unknown[] = [number, source, JSON.stringify(facts)];
  const sets = ['metadata = jsonb_set(metadata, ARRAY[$2::text], $3::jsonb)', 'updated_at = now()'];
  for (const [key, value] of Object.entries(columns) as Array<[keyof ImportedRecordColumns, unknown]>) {
    values.push(value);
    sets.push(`${COLUMN_NAMES[key]} = $${values.length}`);
    if (key === 'priority') sets.push(`requested_priority = $${values.length}`);
  }
  await client.query(`UPDATE work_orders SET ${sets.join(', ')} WHERE number = $1`, values);
}

export async function appendImportEvent(
  client: PoolClient,
  event: {
    number: number;
    type: 'imported' | 'import_updated' | 'import_matched';
    actor: Actor;
    payload: Record<string, unknown>;
    idempotencyKey: string;
  },
): Promise<void> {
  await appendEvent(client, { ...event, source: 'import', onDuplicateKey: 'throw' });
}

/** How many times imports changed this order: the next update event's sequence number is one more. */
export async function countImportUpdates(client: PoolClient, number: number): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE work_order_number = $1 AND type = 'import_updated'`,
    [number],
  );
  return rows[0]!.n;
}
