/** The lines npm start prints of its own, prefixed `[start]` (its children's carry their own names). */
export const log = (message: string): void => console.log(`[start] ${message}`);

export const logError = (message: string): void => console.error(`[start] ${message}`);
