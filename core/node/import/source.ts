// The shape every input format is read through: named columns and batches of rows of raw values.

export type RawValue = string | null;

export interface RecordBatch {
  /** Rows of raw values; `null` where the source itself says "no value" (JSON null, SQL NULL). */
  rows: RawValue[][];
  /** Where row `i` of this batch came from, 1-based, in the source's unit (line, row or record). */
  lineOf(i: number): number;
  /** A problem found while reading row `i` (for example an unknown JSON key), if any. */
  problemOf?(i: number): string | undefined;
}

export interface SourceProgress {
  bytesRead: number;
  bytesTotal: number;
}

export interface RecordSource {
  readonly format: 'csv' | 'jsonl' | 'sqlite' | 'parquet';
  /** 'line' for text files, 'row' for database tables and Parquet. */
  readonly unit: 'line' | 'row';
  /** Column names as written in the source; known once the first batch has been read. */
  columns(): string[];
  batches(): AsyncGenerator<RecordBatch>;
  progress(): SourceProgress;
  /** Format details for the import report (delimiter, encoding, compression, …). */
  describe(): Record<string, unknown>;
  /** SHA-256 of the source file, once every batch has been read. */
  fingerprint(): Promise<string>;
  /** Called once the sample has fixed the columns: later unknown fields are row problems. */
  freezeColumns?(): void;
}
