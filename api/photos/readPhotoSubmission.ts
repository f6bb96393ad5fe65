import type { Request, Response } from 'express';
import type { WorkOrderRecord } from '../../db/queries/workOrders';
import type { PhotoSubmission } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { photosBody } from '../schemas';
import { parse } from '../validate';

/**
 * The photos of a visit, as references the workflow can carry. (Placeholder until multipart upload lands: JSON
 * references only.)
 */
export async function readPhotoSubmission(_deps: ApiDeps, req: Request, _res: Response, _record: WorkOrderRecord, _technicianId: number): Promise<{ photos: PhotoSubmission['photos']; notes: string | null }> {
  const body = parse(photosBody, req, 'body');
  return { photos: body.photos, notes: body.notes ?? null };
}
