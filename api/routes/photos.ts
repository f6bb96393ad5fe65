/**
 * A visit's photos, for the people who approve or redo the work: coordinators, ops, and the technician assigned to
 * the order (another technician's key gets 403). The list says what each photo is; the file route answers its bytes,
 * or a thumbnail.
 */
import { Router, type Response } from 'express';
import { createPhotoStore } from '../../db/photoStore';
import { findOrderPhoto, listOrderPhotos, type StoredPhoto } from '../../db/queries/photos';
import { sniffImageType } from '../../domain/photos';
import { allow } from '../auth';
import type { ApiDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { photoListParams, photoListQuery, photoParams, photoQuery } from '../photos/photoRequests';
import { THUMBNAIL_TYPE, ThumbnailUnavailable, thumbnailOf } from '../photos/thumbnails';
import { parse } from '../validate';
import { loadWorkOrderFor } from './workOrderAccess';

const fileUrl = (photo: StoredPhoto) => `/work-orders/${photo.workOrderNumber}/photos/${photo.id}`;

function listed(photo: StoredPhoto) {
  return {
    id: photo.id,
    kind: photo.kind,
    contentType: photo.contentType,
    sizeBytes: photo.sizeBytes,
    technicianId: photo.technicianId,
    latitude: photo.latitude,
    longitude: photo.longitude,
    distanceMeters: Math.round(photo.distanceMeters * 10) / 10,
    takenAt: photo.takenAt,
    uploadedAt: photo.uploadedAt,
    url: fileUrl(photo),
    thumbnailUrl: `${fileUrl(photo)}?size=thumb`,
  };
}

/**
 * The bytes with their type. A photo's bytes never change (the id names one stored file), so a private cache may keep
 * them: this overrides the API's no-store, and the ETag (the content's hash) answers a revalidation with 304.
 */
function sendImage(
  res: Response,
  ifNoneMatch: string | undefined,
  etag: string,
  contentType: string,
  bytes: Buffer,
  fileName: string,
): void {
  res.set({
    ETag: etag,
    'Cache-Control': 'private, max-age=86400, immutable',
    'Content-Disposition': `inline; filename="${fileName}"`,
  });
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
    res.status(304).end();
    return;
  }
  res.type(contentType).send(bytes);
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

export function photosRouter(deps: ApiDeps): Router {
  const router = Router();
  const viewers = allow('coordinator', 'ops', 'technician');
  const store = createPhotoStore(deps.photoStorageDir);

  router.get('/:id/photos', viewers, async (req, res) => {
    const { id } = parse(photoListParams, req, 'params');
    parse(photoListQuery, req, 'query');
    await loadWorkOrderFor(deps, req, id);
    res.json({ items: (await listOrderPhotos(deps.pool, id)).map(listed) });
  });

  router.get('/:id/photos/:photoId', viewers, async (req, res) => {
    const { id, photoId } = parse(photoParams, req, 'params');
    const { size } = parse(photoQuery, req, 'query');
    await loadWorkOrderFor(deps, req, id);
    const photo = await findOrderPhoto(deps.pool, id, photoId);
    if (!photo) throw notFound(`photo ${photoId} of work order ${id}`);
    if (!(await store.has(photo.sha256)))
      throw new AppError(
        404,
        'not_found',
        `photo ${photoId} is on record but its file is missing from the photo store`,
      );
    if (size === 'thumb') {
      let thumbnail: Buffer;
      try {
        thumbnail = await thumbnailOf(store, photo.sha256);
      } catch (err) {
        if (!(err instanceof ThumbnailUnavailable)) throw err;
        throw new AppError(
          422,
          'thumbnail_unavailable',
          `photo ${photoId} (${photo.contentType}) can't be made into a thumbnail here; GET it without size=thumb for the file as uploaded`,
        );
      }
      sendImage(
        res,
        req.header('if-none-match'),
        `"${photo.sha256}-thumb"`,
        THUMBNAIL_TYPE,
        thumbnail,
        `${photo.id}-thumb.jpg`,
      );
      return;
    }
    const bytes = await store.read(photo.sha256);
    // The type the bytes announce (checked at upload too); the recorded one if they announce none of ours.
    const contentType = sniffImageType(bytes) ?? photo.contentType;
    sendImage(
      res,
      req.header('if-none-match'),
      `"${photo.sha256}"`,
      contentType,
      bytes,
      `${photo.id}.${EXTENSIONS[contentType] ?? 'bin'}`,
    );
  });

  return router;
}
