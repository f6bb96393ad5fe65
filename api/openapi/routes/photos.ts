import { z } from 'zod';
import { PHOTO_CONTENT_TYPES, PHOTO_KINDS } from '../../../domain/photos';
import { photoListParams, photoListQuery, photoParams, photoQuery } from '../../photos/photoRequests';
import { THUMBNAIL_EDGE, THUMBNAIL_TYPE } from '../../photos/thumbnails';
import { instant } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

const listedPhoto = z.object({
  id: z.string().describe('a UUID'),
  kind: z.enum(PHOTO_KINDS),
  contentType: z.enum(PHOTO_CONTENT_TYPES).describe('the type the bytes announced at upload'),
  sizeBytes: z.number().int(),
  technicianId: z.number().int().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  distanceMeters: z.number().describe('from the building, where the photo says it was taken'),
  takenAt: instant,
  uploadedAt: instant,
  url: z.string().describe('the file'),
  thumbnailUrl: z.string().describe('its thumbnail'),
});

const WHO = "Coordinators, ops, and the technician assigned to the order (another technician's key is refused).";
const image = (description: string) => ({ schema: { type: 'string', format: 'binary', description } });

export const photoDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/work-orders/{id}/photos',
    operationId: 'listWorkOrderPhotos',
    tag: 'visits',
    summary: "The order's photos (before, after, cleanup), oldest first",
    description: `${WHO} Each names its file and thumbnail.`,
    auth: { roles: ['coordinator', 'ops', 'technician'] },
    params: photoListParams,
    query: photoListQuery,
    responses: { 200: { description: 'the photos', content: json(z.object({ items: z.array(listedPhoto) })) } },
    errors: {
      403: "the key's role may not see photos, or the order is not assigned to this technician",
      404: 'no work order with this number',
    },
  },
  {
    method: 'get',
    path: '/work-orders/{id}/photos/{photoId}',
    operationId: 'getWorkOrderPhoto',
    tag: 'visits',
    summary: 'A photo: the file as uploaded, or a thumbnail',
    description:
      `${WHO} The file comes with the type its bytes announce (${PHOTO_CONTENT_TYPES.join(', ')}); \`size=thumb\` answers a ${THUMBNAIL_TYPE} ` +
      `at most ${THUMBNAIL_EDGE} px on its longest side (upright by its EXIF orientation, made once and kept). A photo never changes: the answer may be ` +
      'kept by a private cache, and `If-None-Match` with its ETag answers 304.',
    auth: { roles: ['coordinator', 'ops', 'technician'] },
    params: photoParams,
    query: photoQuery,
    responses: {
      200: {
        description: 'the image',
        headers: {
          ETag: { description: "the content's SHA-256 (with -thumb for a thumbnail)", schema: { type: 'string' } },
        },
        content: Object.fromEntries(
          [...PHOTO_CONTENT_TYPES].map((type) => [
            type,
            image(type === THUMBNAIL_TYPE ? 'the photo, or its thumbnail' : 'the photo'),
          ]),
        ),
      },
      304: { description: 'not modified (If-None-Match named its ETag)' },
    },
    errors: {
      403: "the key's role may not see photos, or the order is not assigned to this technician",
      404: 'no work order with this number, or no such photo of it',
      422: "size=thumb of a photo that can't be decoded here (a HEVC-coded HEIC): get the file instead",
    },
  },
];
