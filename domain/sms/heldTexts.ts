import { MAX_DESCRIPTION_LENGTH } from '../description';
import { cutText } from '../text';

/** Ends a description that was cut: the whole texts stay with the sender's hold and in the SMS log. */
export const CUT_MARK = ' […]';

export interface HeldTextsDescription {
  description: string;
  /** The texts said more than a description holds. */
  cut: boolean;
}

/**
 * The description of the order an unknown sender's texts open: what they wrote before naming the unit (or the
 * message that names it, when it says more than the unit), joined, and cut to the longest description there is.
 */
export function heldTextsDescription(
  texts: readonly string[],
  unitMessage: string,
  unitOnly: boolean,
): HeldTextsDescription {
  const parts = (unitOnly ? texts.slice(0, -1) : texts).filter((part) => part.trim() !== '');
  const whole = (parts.length ? parts : [unitMessage]).join(' / ').trim();
  if (whole.length <= MAX_DESCRIPTION_LENGTH) return { description: whole, cut: false };
  return { description: `${cutText(whole, MAX_DESCRIPTION_LENGTH - CUT_MARK.length).trimEnd()}${CUT_MARK}`, cut: true };
}
