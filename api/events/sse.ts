/** Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html). */

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx and similar proxies buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
} as const;

/** One event; `data` is JSON on one line, so it needs no splitting. A line break in the name would end the field. */
export function sseEvent(id: number, name: string, data: unknown): string {
  return `id: ${id}\nevent: ${name.replace(/[\r\n]/g, ' ')}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: ignored by clients, keeps proxies and load balancers from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, ' ')}\n\n`;
}

/** How long an EventSource waits before reconnecting (it then sends Last-Event-ID). */
export function sseRetry(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}
