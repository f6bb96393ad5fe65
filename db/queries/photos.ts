import type { Pool, PoolClient } from 'pg';
import type { LatLng } from '../../domain/geo';
import type { PhotoContentType, PhotoKind } from '../../domain/photos';

/** A photo's metadata row; the bytes are in the photo store under `sha256`. */
export interface StoredPhoto {
  id: string;
  workOrderNumber: number;
  technicianId: number | null;
  kind: PhotoKind;
  sha256: string;
  contentType: PhotoContentType;
  sizeBytes: number;
  latitude: number;
  longitude: number;
  distanceMeters: number;
  takenAt: Date;
  uploadedAt: Date;
}

export interface NewPhoto {
  workOrderNumber: number;
  technicianId: number | null;
  kind: PhotoKind;
  sha256: string;
  contentType: PhotoContentType;
  sizeBytes: number;
  latitude: number;
  longitude: number;
  distanceMeters: number;
  takenAt: string;
  uploadedBy: { type: string; id: string };
}

const COLUMNS = `id, work_order_number::int AS "workOrderNumber", technician_id::int AS "technicianId", kind, sha256,
  content_type AS "contentType", size_bytes AS "sizeBytes", latitude, longitude, distance_meters AS "distanceMeters",
  taken_at AS "takenAt", uploaded_at AS "uploadedAt"`;

export async function buildingLocation(db: Pool | PoolClient, buildingId: number): Promise<LatLng | null> {
  const { rows } = await db.query<LatLng>('SELECT latitude, longitude FROM buildings WHERE id = $1', [buildingId]);
  return rows[0] ?? null;
}

/**
 * Inserts each photo unless the same file is already on file for the order as the same kind; either way resolves
 * with its id, in the order given. The first upload's metadata is kept: a retried upload is the same photo.
 */
export async function insertPhotos(client: PoolClient, photos: readonly NewPhoto[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of photos) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO photos (work_order_number, technician_id, kind, sha256, content_type, size_bytes, latitude, longitude, distance_meters, taken_at, uploaded_by_type, uploaded_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (work_order_number, kind, sha256) DO UPDATE SET work_order_number = photos.work_order_number
       RETURNING id`,
      [
        p.workOrderNumber,
        p.technicianId,
        p.kind,
        p.sha256,
        p.contentType,
        p.sizeBytes,
        p.latitude,
        p.longitude,
        p.distanceMeters,
        p.takenAt,
        p.uploadedBy.type,
        p.uploadedBy.id,
      ],
    );
    ids.push(rows[0]!.id);
  }
  return ids;
}

/** The order's photos among `ids`; ids that are not this order's (or not uuids at all) are simply absent. */
export async function photosOf(
  db: Pool | PoolClient,
  workOrderNumber: number,
  ids: readonly string[],
): Promise<StoredPhoto[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<StoredPhoto>(
    `SELECT ${COLUMNS} FROM photos WHERE work_order_number = $1 AND id::text = ANY($2::text[]) ORDER BY uploaded_at, id`,
    [workOrderNumber, [...ids]],
  );
  return rows;
}

/** Every photo uploaded for the order, oldest first. */
export async function listOrderPhotos(db: Pool | PoolClient, workOrderNumber: number): Promise<StoredPhoto[]> {
  const { rows } = await db.query<StoredPhoto>(
    `SELECT ${COLUMNS} FROM photos WHERE work_order_number = $1 ORDER BY uploaded_at, id`,
    [workOrderNumber],
  );
  return rows;
}

/** One of the order's photos, or null (another order's photo is none of this one's). */
export async function findOrderPhoto(
  db: Pool | PoolClient,
  workOrderNumber: number,
  photoId: string,
): Promise<StoredPhoto | null> {
  return (await photosOf(db, workOrderNumber, [photoId]))[0] ?? null;
}
