import { inTransaction } from '../../db/pool';
import { createPhotoStore, sha256Hex } from '../../db/photoStore';
import { buildingLocation, insertPhotos, type NewPhoto } from '../../db/queries/photos';
import { rulesForOrder } from '../../db/queries/rules';
import type { WorkOrderRecord } from '../../db/queries/workOrders';
import { haversineMeters } from '../../domain/geo';
import type { PhotoKind } from '../../domain/photos';
import type { Actor } from '../../domain/actor';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import type { ManifestPhoto } from './manifest';

export interface UploadedPhoto {
  id: string;
  kind: PhotoKind;
  file: string;
  sha256: string;
  distanceMeters: number;
}

/**
 * Refuses the whole upload when any photo was taken too far from the building; otherwise writes their rows and the
 * files (content-addressed, so a retry rewrites nothing) in one transaction. Nothing is written for a refused upload.
 */
export async function storeUpload(
  deps: ApiDeps,
  record: WorkOrderRecord,
  technicianId: number,
  actor: Actor,
  photos: readonly ManifestPhoto[],
): Promise<UploadedPhoto[]> {
  const building = await buildingLocation(deps.pool, record.buildingId);
  if (!building) throw new Error(`building ${record.buildingId} of work order ${record.number} not found`);
  const { photoMaxDistanceMeters: limit } = (await rulesForOrder(deps.pool, record.rulesVersion)).visit;

  const located = photos.map((photo) => ({
    photo,
    sha256: sha256Hex(photo.bytes),
    distanceMeters: haversineMeters(building, photo),
  }));
  const tooFar = located.filter((l) => l.distanceMeters > limit);
  if (tooFar.length > 0) {
    const described = tooFar.map(
      (l) => `${l.photo.file} was taken ${Math.round(l.distanceMeters)} m from the building`,
    );
    throw new AppError(
      422,
      'photo_too_far',
      `${described.join('; ')}; photos must be taken within ${limit} m of it. Nothing was stored.`,
      tooFar.map((l) => ({
        path: `files.${l.photo.file}`,
        message: `taken ${Math.round(l.distanceMeters)} m from the building; the limit is ${limit} m`,
      })),
    );
  }

  const rows: NewPhoto[] = located.map(({ photo, sha256, distanceMeters }) => ({
    workOrderNumber: record.number,
    technicianId,
    kind: photo.kind,
    sha256,
    contentType: photo.contentType,
    sizeBytes: photo.bytes.length,
    latitude: photo.latitude,
    longitude: photo.longitude,
    distanceMeters,
    takenAt: new Date(photo.takenAt).toISOString(),
    uploadedBy: actor,
  }));
  // The files are written inside the rows' transaction, once the rows went in: a refused row leaves no file behind, and
  // a committed row always has its file. (A commit failing after the writes leaves files no row names: content-addressed,
  // they are only reused by a retry.)
  const store = createPhotoStore(deps.photoStorageDir);
  const ids = await inTransaction(deps.pool, async (client) => {
    const inserted = await insertPhotos(client, rows);
    const written = new Set<string>();
    for (const { photo, sha256 } of located) {
      if (written.has(sha256)) continue;
      await store.put(photo.bytes);
      written.add(sha256);
    }
    return inserted;
  });
  return located.map(({ photo, sha256, distanceMeters }, i) => ({
    id: ids[i]!,
    kind: photo.kind,
    file: photo.file,
    sha256,
    distanceMeters: Math.round(distanceMeters * 10) / 10,
  }));
}
