import type { Request, Response } from 'express';
import type { WorkOrderRecord } from '../../db/queries/workOrders';
import type { PhotoSubmission } from '../../domain/workOrderContract';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { photosBody } from '../schemas';
import { parse } from '../validate';
import { readManifest } from './manifest';
import { readMultipart } from './multipartUpload';
import { checkPhotoReferences } from './photoReferences';
import { storeUpload, type UploadedPhoto } from './storeUpload';

export interface PhotoSubmissionRead {
  /** References only: this is what travels through Temporal. */
  photos: PhotoSubmission['photos'];
  notes: string | null;
  /** For a multipart upload: what was stored, to answer the client with. */
  uploaded?: UploadedPhoto[];
}

/**
 * The photos of a visit, as references the workflow can carry: uploaded as multipart/form-data (files + a
 * `manifest` field), or named by id as JSON (`{ photos: [{ id, kind }], notes }`) when uploaded before.
 */
export async function readPhotoSubmission(
  deps: ApiDeps,
  req: Request,
  res: Response,
  record: WorkOrderRecord,
  technicianId: number,
): Promise<PhotoSubmissionRead> {
  if (req.is('multipart/form-data')) {
    const { files, fields } = await readMultipart(req, res);
    const { photos, notes } = readManifest(files, fields);
    const uploaded = await storeUpload(deps, record, technicianId, actorOf(req.identity!), photos);
    return { photos: distinct(uploaded.map(({ id, kind }) => ({ id, kind }))), notes, uploaded };
  }
  const body = parse(photosBody, req, 'body');
  await checkPhotoReferences(deps, record, body.photos);
  return { photos: distinct(body.photos), notes: body.notes || null };
}

/** The same file twice in one submission (same bytes, same kind) is one photo. */
function distinct(refs: PhotoSubmission['photos']): PhotoSubmission['photos'] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.id) && seen.add(ref.id));
}
