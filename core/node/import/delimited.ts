// Delimited text (CSV, TSV, semicolon, pipe) read through papaparse's Parser, chunk by chunk, so a
// file of any size streams in bounded memory. The delimiter and line ending are sniffed from the
// first chunk unless given.
import Papa from 'papaparse';
import { decodeDetails, decodeFile, type DecodeOptions, type TextStream } from './decode.js';
import { ImportError, located } from './errors.js';
import { TextFileSource } from './file-source.js';
import type { RecordBatch, RecordSource } from './source.js';

export const DELIMITERS = [',', '\t', ';', '|'] as const;

export interface DelimitedOptions extends DecodeOptions {
  delimiter?: string;
  /** The first row holds the column names (default true). */
  header?: boolean;
  /** A partial row may grow to this many characters before the file is judged broken. */
  maxRowChars?: number;
}

const DEFAULT_MAX_ROW_CHARS = 64 * 1024 * 1024;
const LONG_ROW_CHARS = 4 * 1024 * 1024;

export function parseDelimiterOption(d: string): string {
  const named: Record<string, string> = {
    comma: ',',
    tab: '\t',
    '\\t': '\t',
    semicolon: ';',
    pipe: '|',
  };
  const out = named[d.toLowerCase()] ?? d;
  if (!(DELIMITERS as readonly string[]).includes(out)) {
    throw new ImportError(
      'options',
      `unsupported delimiter ${JSON.stringify(d)} (use comma, tab, semicolon or pipe)`,
    );
  }
  return out;
}

export class DelimitedSource extends TextFileSource implements RecordSource {
  readonly format = 'csv' as const;
  readonly unit = 'line' as const;
  private header: string[] = [];
  private delimiter: string | undefined;
  private newline: '\n' | '\r\n' | '\r' = '\n';
  private rowsRead = 0;

  constructor(
    private readonly path: string,
    private readonly options: DelimitedOptions = {},
    /** Text decoded elsewhere (the import worker gets it from the importing thread). */
    text?: TextStream,
  ) {
    super(text ?? decodeFile(path, options));
    if (options.delimiter !== undefined) this.delimiter = parseDelimiterOption(options.delimiter);
  }

  columns(): string[] {
    return this.header;
  }

  describe(): Record<string, unknown> {
    return {
      delimiter: this.delimiter,
      lineEnding: this.newline === '\r\n' ? 'CRLF' : this.newline === '\r' ? 'CR' : 'LF',
      ...decodeDetails(this.decoded.info),
    };
  }

  async *batches(): AsyncGenerator<RecordBatch> {
    const maxRow = this.options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
    let parser: Papa.Parser | undefined;
    let pending = '';
    let line = 1; // line number of the first character of `pending`
    let sawHeader = this.options.header === false;
    let anyText = false;

    const emit = (text: string, last: boolean): RecordBatch | undefined => {
      const res = parser!.parse(text, 0, !last) as Papa.ParseResult<string[]> & {
        meta: { cursor: number };
      };
      const consumed = last ? text.length : res.meta.cursor;
      const body = text.slice(0, consumed);
      pending = text.slice(consumed);
      if (pending.length > maxRow) {
        throw new ImportError(
          'unterminated_quote',
          located(
            this.path,
            line + countNewlines(body, this.newline),
            undefined,
            `a row runs on for more than ${maxRow} characters; is a closing quote missing?`,
          ),
          { file: this.path, line },
        );
      }
      const startLine = line;
      line += countNewlines(body, this.newline);
      const unterminated = res.errors.find((e) => e.code === 'MissingQuotes');
      if (unterminated && last) {
        const at =
          rowLines(body, this.newline, this.delimiter!, startLine)[unterminated.row ?? 0] ??
          startLine;
        throw new ImportError(
          'unterminated_quote',
          located(this.path, at, undefined, 'a quoted field is never closed (malformed quotes)'),
          {
            file: this.path,
            line: at,
          },
        );
      }
      let rows = res.data;
      if (this.newline === '\r\n') stripCarriageReturns(rows);
      let offset = 0;
      if (this.header.length === 0 && sawHeader && rows.length > 0) {
        this.header = rows[0]!.map((_, i) => `column_${i + 1}`);
      }
      if (!sawHeader && rows.length > 0) {
        this.header = rows[0]!;
        sawHeader = true;
        offset = 1;
      }
      if (offset > 0) rows = rows.slice(offset);
      if (rows.length === 0) return undefined;
      this.rowsRead += rows.length;
      let lines: number[] | undefined;
      const newline = this.newline;
      const delimiter = this.delimiter!;
      return {
        rows,
        lineOf: (i: number) => {
          lines ??= rowLines(body, newline, delimiter, startLine);
          return lines[i + offset] ?? startLine;
        },
      };
    };

    let unparsed = 0; // characters appended to `pending` since the last parse
    for await (const chunk of this.decoded.chunks) {
      anyText = true;
      let text = pending + chunk;
      // A long partial row (a huge field, or a quote that never closes) is re-parsed only after
      // it has grown by half again, so its cost stays linear in its length.
      unparsed += chunk.length;
      if (
        parser &&
        pending.length > LONG_ROW_CHARS &&
        unparsed < pending.length / 2 &&
        text.length <= maxRow
      ) {
        pending = text;
        continue;
      }
      unparsed = 0;
      if (!parser) {
        if (this.delimiter === undefined) this.delimiter = sniffDelimiter(text);
        this.newline = sniffNewline(text);
        parser = new Papa.Parser({
          delimiter: this.delimiter,
          newline: (this.newline === '\r\n' ? '\n' : this.newline) as '\n' | '\r',
        });
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const batch = emit(text, false);
      if (batch) yield batch;
    }
    if (!anyText) return;
    if (pending.length > 0) {
      const batch = emit(pending, true);
      if (batch) yield batch;
    }
  }
}

function stripCarriageReturns(rows: string[][]): void {
  for (const row of rows) {
    const last = row.length - 1;
    const v = row[last];
    if (v !== undefined && v.length > 0 && v.charCodeAt(v.length - 1) === 13)
      row[last] = v.slice(0, -1);
  }
}

export function sniffNewline(text: string): '\n' | '\r\n' | '\r' {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r >= 0 && (n < 0 || r < n - 1)) return '\r';
  if (r >= 0 && n === r + 1) return '\r\n';
  return '\n';
}

/**
 * Picks the delimiter that splits the first lines into the most consistent field count above one
 * (quotes respected by papaparse); comma when nothing splits.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 1 << 16);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const res = Papa.parse<string[]>(sample, { delimiter: d, preview: 50 });
    const rows = res.data.filter((r) => !(r.length === 1 && r[0] === ''));
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows.slice(0, rows.length > 1 ? -1 : undefined))
      counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modeFields = 1;
    let modeCount = 0;
    for (const [f, c] of counts)
      if (c > modeCount || (c === modeCount && f > modeFields)) [modeFields, modeCount] = [f, c];
    if (modeFields < 2) continue;
    const score = (modeCount / Math.max(1, rows.length - 1)) * 1000 + modeFields;
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

function countNewlines(s: string, newline: string): number {
  const ch = newline === '\r' ? '\r' : '\n';
  let n = 0;
  let i = s.indexOf(ch);
  while (i >= 0) {
    n++;
    i = s.indexOf(ch, i + 1);
  }
  return n;
}

/** The starting line of every row in `body` (only computed when a row problem needs it). */
function rowLines(body: string, newline: string, delimiter: string, startLine: number): number[] {
  const lines: number[] = [];
  let prev = 0;
  let lineAtPrev = startLine;
  // Step mode reports the cursor after each row; the first row starts at 0.
  const stepper = new Papa.Parser({
    delimiter,
    newline: newline === '\r\n' ? '\n' : newline,
    step: (res: { meta: { cursor: number } }) => {
      lines.push(lineAtPrev);
      lineAtPrev += countNewlines(body.slice(prev, res.meta.cursor), newline);
      prev = res.meta.cursor;
    },
  } as unknown as Papa.ParseConfig);
  stepper.parse(body, 0, false);
  return lines;
}
