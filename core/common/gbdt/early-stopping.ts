// Validation scoring between rounds, and the rule that stops training when it stalls.
import { featureColumns, type RawData, rowCount } from './dataset.js';
import type { Objective } from './objectives/index.js';
import type { Tree } from './tree.js';

/** A validation metric; it says which way is better, so stopping needs no special cases. */
export interface Metric {
  name: string;
  higherIsBetter: boolean;
  /** `pred` holds transformed predictions, row-major (numOutputs per row). */
  evaluate(label: Float64Array, pred: Float64Array, weight?: Float64Array): number;
}

export interface ValidationData {
  data: RawData;
  label: Float64Array;
  weight?: Float64Array;
}

/** Keeps the validation margins up to date tree by tree and scores them. */
export class Validation {
  private readonly cols: ArrayLike<number>[];
  private readonly n: number;
  /** Output-major margins, like the training scores. */
  private readonly margin: Float64Array;

  constructor(
    private readonly valid: ValidationData,
    private readonly objective: Objective,
    initScore: readonly number[],
    private readonly metric: Metric | undefined,
  ) {
    this.n = rowCount(valid.data);
    if (valid.label.length !== this.n) {
      throw new RangeError(`validation has ${valid.label.length} labels for ${this.n} rows`);
    }
    this.cols = featureColumns(valid.data);
    const K = objective.numOutputs;
    this.margin = new Float64Array(K * this.n);
    for (let k = 0; k < K; k++) this.margin.fill(initScore[k]!, k * this.n, (k + 1) * this.n);
  }

  get higherIsBetter(): boolean {
    return this.metric?.higherIsBetter ?? false;
  }

  add(tree: Tree, output: number): void {
    tree.addPredictions(this.cols, this.margin.subarray(output * this.n, (output + 1) * this.n));
  }

  /** The metric on the current margins; without a metric, the objective's own mean loss. */
  score(): number {
    const { label, weight } = this.valid;
    if (!this.metric) return this.objective.loss(label, this.margin, weight);
    const K = this.objective.numOutputs;
    const n = this.n;
    const pred = new Float64Array(n * K);
    const m = new Float64Array(K);
    const p = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) m[k] = this.margin[k * n + i]!;
      this.objective.transform(m, p);
      pred.set(p, i * K);
    }
    return this.metric.evaluate(label, pred, weight);
  }
}

/** Tracks the best round; `shouldStop` once `patience` rounds pass without improvement. */
export class EarlyStopping {
  bestRound = -1;
  bestScore = NaN;

  constructor(
    private readonly patience: number,
    private readonly higherIsBetter: boolean,
  ) {}

  /** Records round `round`'s score; true when training should stop. */
  update(round: number, score: number): boolean {
    const better =
      this.bestRound < 0 || (this.higherIsBetter ? score > this.bestScore : score < this.bestScore);
    if (better) {
      this.bestRound = round;
      this.bestScore = score;
    }
    return this.patience > 0 && round - this.bestRound >= this.patience;
  }
}
