import { z } from 'zod';

/** A phone number in E.164, the form Twilio uses and the database checks. */
export const e164PhoneSchema = z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'an E.164 number like +15551234567');
