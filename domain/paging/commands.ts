/**
 * What a coordinator texts back. `ACK 1107` acknowledges the order's pages, `ACK` alone every page sent to them
 * still open; `ACCEPT 1107` books the order's current proposal (the API's accept); `LIST` lists their open pages;
 * `COMMANDS` lists these. Spanish too: RECIBIDO, ACEPTAR/ACEPTO, LISTA, COMANDOS. HELP is not among them: it is a
 * carrier keyword, answered the same for everyone before any of this is read.
 */
export type CoordinatorCommand =
  { kind: 'ack'; number: number | null } | { kind: 'accept'; number: number } | { kind: 'list' } | { kind: 'commands' };

const NUMBER = String.raw`#?\s*(\d{1,12})`;
const ACK = new RegExp(String.raw`^(?:ack|acknowledge|acknowledged|recibido)(?:\s+${NUMBER})?$`, 'i');
const ACCEPT = new RegExp(String.raw`^(?:accept|aceptar|acepto|acepta)\s+${NUMBER}$`, 'i');
const LIST = /^(?:list|pages|lista)$/i;
const COMMANDS = /^(?:commands|comandos|menu|menú|\?)$/i;

/** Null when the text is none of the commands. Surrounding spaces and a final full stop are ignored. */
export function parseCoordinatorCommand(body: string): CoordinatorCommand | null {
  const text = body
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '');
  const ack = ACK.exec(text);
  if (ack) return { kind: 'ack', number: ack[1] ? Number(ack[1]) : null };
  const accept = ACCEPT.exec(text);
  if (accept) return { kind: 'accept', number: Number(accept[1]) };
  if (LIST.test(text)) return { kind: 'list' };
  if (COMMANDS.test(text)) return { kind: 'commands' };
  return null;
}

/** A text that names an order and looks like a coordinator's command: what a stranger is told is not theirs to send. */
export function looksLikeOrderCommand(body: string): boolean {
  const command = parseCoordinatorCommand(body);
  return command !== null && (command.kind === 'accept' || (command.kind === 'ack' && command.number !== null));
}
