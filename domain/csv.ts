/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (a bare LF or CR is accepted too), a field in double
 * quotes may hold commas, line breaks and quotes (doubled). A UTF-8 byte order mark before the first field is dropped.
 * Every line is a record, blank ones included (as one empty field), so a record's index + 1 is the row number a
 * spreadsheet shows for it.
 */

export class CsvSyntaxError extends Error {
  constructor(
    /** 1-based physical line of the problem. */
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Whether the current field began with a quote, and whether that quote is still open.
  let quoted = false;
  let inQuotes = false;
  let quoteLine = 0;

  const endField = () => {
    record.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (quoted)
      throw new CsvSyntaxError(
        line,
        `unexpected ${JSON.stringify(c)} after a closing quote (a quote inside a quoted field is written "")`,
      );
    if (c === '"') {
      if (field !== '')
        throw new CsvSyntaxError(
          line,
          'a quote in the middle of an unquoted field (quote the whole field and double the quote)',
        );
      quoted = true;
      inQuotes = true;
      quoteLine = line;
      i++;
      continue;
    }
    field += c;
    i++;
  }
  if (inQuotes) throw new CsvSyntaxError(quoteLine, 'a quoted field is never closed');
  // The final line break is optional; a file ending with one has no extra empty record.
  if (field !== '' || quoted || record.length > 0) endRecord();
  return records;
}
