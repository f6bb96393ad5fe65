import { z } from 'zod';
import {
  PHOTO_CONTENT_TYPES,
  PHOTO_KINDS,
  sniffImageType,
  type PhotoContentType,
  type PhotoKind,
} from '../../domain/photos';
import { text } from '../../domain/text';
import { badRequest, zodIssues, type FieldIssue } from '../errors';
import { isoInstant } from '../schemas';

export const MAX_PHOTOS_PER_REQUEST = 30;

/** One line of the manifest: which uploaded file it describes, what it shows, where and when it was taken. */
export const manifestEntrySchema = z
  .object({
    // Untrimmed: it must be the uploaded file's name exactly.
    file: text({ min: 1, max: 255, trim: false }),
    kind: z.enum(PHOTO_KINDS),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    takenAt: isoInstant,
  })
  .strict();

export const manifestSchema = z.array(manifestEntrySchema).min(1).max(MAX_PHOTOS_PER_REQUEST);

/** The text fields of the multipart body. */
export const uploadFieldsSchema = z
  .object({
    manifest: z.string().min(1, 'a JSON array describing each file'),
    notes: text({ max: 2000 }).optional(),
  })
  .strict();

/** What multer hands us for each file part (memory storage). */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface ManifestPhoto {
  file: string;
  kind: PhotoKind;
  latitude: number;
  longitude: number;
  takenAt: string;
  contentType: PhotoContentType;
  bytes: Buffer;
}

/** Phones and some clients send no type at all for a file: the bytes decide then. */
const UNTYPED = new Set(['application/octet-stream', '']);

const fileIssue = (name: string, message: string): FieldIssue => ({ path: `files.${name}`, message });

/**
 * Pairs each uploaded file with its manifest entry (by the file's name) and checks that it is an image of a type we
 * take. Every mistake is reported at once, as a 400 naming the field.
 */
export function readManifest(
  files: readonly UploadedFile[],
  fields: unknown,
): { photos: ManifestPhoto[]; notes: string | null } {
  const parsedFields = uploadFieldsSchema.safeParse(fields ?? {});
  if (!parsedFields.success) throw badRequest('the upload is not valid', zodIssues(parsedFields.error, 'body'));

  let json: unknown;
  try {
    json = JSON.parse(parsedFields.data.manifest);
  } catch (err) {
    throw badRequest('the manifest is not valid JSON', [
      { path: 'body.manifest', message: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
  const parsed = manifestSchema.safeParse(json);
  const issues: FieldIssue[] = parsed.success ? [] : zodIssues(parsed.error, 'body.manifest');
  const entries = parsed.success ? parsed.data : [];

  if (files.length === 0) issues.push({ path: 'files', message: 'attach at least one photo' });
  const filesByName = new Map<string, UploadedFile>();
  for (const file of files) {
    if (filesByName.has(file.originalname))
      issues.push(fileIssue(file.originalname, 'two files have this name: names must be unique in a request'));
    filesByName.set(file.originalname, file);
  }

  const described = new Set<string>();
  const photos: ManifestPhoto[] = [];
  for (const [i, entry] of entries.entries()) {
    const file = filesByName.get(entry.file);
    if (described.has(entry.file)) {
      issues.push({ path: `body.manifest.${i}.file`, message: `${entry.file} is described twice` });
      continue;
    }
    described.add(entry.file);
    if (!file) {
      issues.push({ path: `body.manifest.${i}.file`, message: `no file named ${entry.file} was uploaded` });
      continue;
    }
    const typed = imageTypeOf(file);
    if ('problem' in typed) issues.push(fileIssue(file.originalname, typed.problem));
    else photos.push({ ...entry, contentType: typed.contentType, bytes: file.buffer });
  }
  // Without a valid manifest every file would be "undescribed": the manifest's own issues say enough.
  if (parsed.success) {
    for (const file of files)
      if (!described.has(file.originalname))
        issues.push(fileIssue(file.originalname, 'no manifest entry describes this file'));
  }

  if (issues.length > 0) throw badRequest('the upload is not valid', issues);
  return { photos, notes: parsedFields.data.notes || null };
}

function imageTypeOf(file: UploadedFile): { contentType: PhotoContentType } | { problem: string } {
  if (file.size === 0) return { problem: 'the file is empty' };
  const declared = file.mimetype.toLowerCase();
  const accepted = (PHOTO_CONTENT_TYPES as readonly string[]).includes(declared);
  if (!accepted && !UNTYPED.has(declared))
    return { problem: `content type ${declared} is not accepted: send ${PHOTO_CONTENT_TYPES.join(', ')}` };
  const sniffed = sniffImageType(file.buffer);
  if (!sniffed)
    return { problem: `the bytes are not a JPEG, PNG, HEIC or WebP image${accepted ? ` (declared ${declared})` : ''}` };
  if (accepted && sniffed !== declared) return { problem: `declared ${declared}, but the bytes are ${sniffed}` };
  return { contentType: sniffed };
}
