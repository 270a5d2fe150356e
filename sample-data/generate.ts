// Entry point of the sample-data generator: writes every dataset's CSV files into outDir.
// The same seed and scale always give byte-identical files (see README.md).
import { mkdir } from 'node:fs/promises';
import { Rng } from '../core/common/random.js';
import type { WrittenFile } from './csv.js';
import type { Dataset, Scale } from './dataset.js';
import { customersDataset } from './generators/customers.js';
import { salesDataset } from './generators/sales.js';
import { leadsDataset } from './generators/leads.js';
import { telemetryDataset } from './generators/telemetry.js';

export type { Scale } from './dataset.js';
export type { WrittenFile } from './csv.js';

export const DEFAULT_SEED = 42;

/** Every dataset, in the order its files are written and listed. */
export const DATASETS: readonly Dataset[] = [
  customersDataset,
  salesDataset,
  telemetryDataset,
  leadsDataset,
];

export interface GenerateOptions {
  outDir: string;
  scale: Scale;
  /** Any safe integer; default 42 (the seed of the committed small files). */
  seed?: number;
  /** `dataset` is the stem of the file being produced (e.g. "telemetry"); units are its own. */
  onProgress?: (dataset: string, done: number, total: number) => void;
}

export async function generateSamples(opts: GenerateOptions): Promise<{ files: WrittenFile[] }> {
  if (opts.scale !== 'small' && opts.scale !== 'large') {
    throw new RangeError(`scale must be 'small' or 'large', got ${String(opts.scale)}`);
  }
  const root = new Rng(opts.seed ?? DEFAULT_SEED);
  await mkdir(opts.outDir, { recursive: true });
  const progress = opts.onProgress ?? (() => undefined);
  const files: WrittenFile[] = [];
  for (const dataset of DATASETS) {
    files.push(
      ...(await dataset.generate({
        outDir: opts.outDir,
        scale: opts.scale,
        rng: root.fork(dataset.name),
        progress,
      })),
    );
  }
  return { files };
}
