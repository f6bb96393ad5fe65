/** What the photo routes take: zod schemas, so every bad field is a 400 naming its path. */
import { z } from 'zod';
import { recordId } from '../schemas';

export const PHOTO_SIZES = ['full', 'thumb'] as const;

export const photoListParams = z.object({ id: recordId });
export const photoParams = z.object({
  id: recordId,
  photoId: z.uuid("a photo id (a UUID) from the order's photo list"),
});
export const photoQuery = z
  .object({
    /** `thumb`: a JPEG at most 320 px on its longest side; `full` (the default): the file as uploaded. */
    size: z.enum(PHOTO_SIZES).default('full'),
  })
  .strict();
export const photoListQuery = z.object({}).strict();
