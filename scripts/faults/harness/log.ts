/** Where a drill prints its lines (the console, or a test's buffer). */
export type Log = (line: string) => void;
