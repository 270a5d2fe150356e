// The import report kept in the workspace with each dataset: what was read, what was changed and
// which rows had problems (counted in full, the first 20 kept with their line numbers).
import type { ColumnType } from '../../common/schema.js';
import type { Rename } from './headers.js';

export const KEPT_PROBLEMS = 20;

export type OnError = 'fail' | 'skip' | 'null';
export type ImportMode = 'create' | 'replace' | 'append';

export interface RowProblem {
  /** 1-based line (text files) or row (tables) in the source. */
  line: number;
  unit: 'line' | 'row';
  kind: 'field_count' | 'parse' | 'record';
  column?: string;
  value?: string;
  message: string;
}

export interface ColumnReport {
  name: string;
  type: ColumnType;
  /** Where the type came from. */
  typeSource: 'inferred' | 'user' | 'existing';
  dateFormat?: string;
  idLike: boolean;
  notes: string[];
}

export interface ImportReport {
  source: string;
  format: string;
  details: Record<string, unknown>;
  table: string;
  mode: ImportMode;
  onError: OnError;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  valuesNulled: number;
  blankLines: number;
  problemCount: number;
  problems: RowProblem[];
  renamedColumns: Rename[];
  columns: ColumnReport[];
  notes: string[];
  sampleRows: number;
  durationMs: number;
  fingerprint: string;
}
