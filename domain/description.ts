import { text } from './text';

/** The longest description a work order has: the database's check on work_orders.description (migration 001). */
export const MAX_DESCRIPTION_LENGTH = 4000;

/** A work order's description as a body gives it. */
export const descriptionText = text({ min: 1, max: MAX_DESCRIPTION_LENGTH });
