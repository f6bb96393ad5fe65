import { photosOf } from '../../db/queries/photos';
import type { WorkOrderRecord } from '../../db/queries/workOrders';
import type { PhotoSubmission } from '../../domain/workOrderContract';
import type { ApiDeps } from '../deps';
import { badRequest, type FieldIssue } from '../errors';

/** Photos named by id must have been uploaded for this work order, as the kind given. */
export async function checkPhotoReferences(
  deps: ApiDeps,
  record: WorkOrderRecord,
  refs: PhotoSubmission['photos'],
): Promise<void> {
  const found = new Map(
    (
      await photosOf(
        deps.pool,
        record.number,
        refs.map((r) => r.id),
      )
    ).map((p) => [p.id, p]),
  );
  const issues: FieldIssue[] = [];
  refs.forEach((ref, i) => {
    const photo = found.get(ref.id);
    if (!photo)
      issues.push({
        path: `body.photos.${i}.id`,
        message: `no photo ${ref.id} was uploaded for work order ${record.number}`,
      });
    else if (photo.kind !== ref.kind)
      issues.push({ path: `body.photos.${i}.kind`, message: `photo ${ref.id} was uploaded as ${photo.kind}` });
  });
  if (issues.length > 0) throw badRequest('the photos are not on file for this work order', issues);
}
