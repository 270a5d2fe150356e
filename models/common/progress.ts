// Progress and cancellation of a training job, shared by every model kind.

export interface TrainProgress {
  /** 'features', 'cross-validation', 'refit', 'calibration', 'hold-out evaluation', … */
  stage: string;
  candidate?: string;
  fold?: number;
  folds?: number;
  /** Share of the whole job done, 0 … 1, where known. */
  fraction?: number;
}

export class TrainingCancelled extends Error {
  constructor() {
    super('training cancelled; the workspace is unchanged');
    this.name = 'TrainingCancelled';
  }
}

/** Lets the event loop run (a Ctrl-C handler, a UI message) and stops if cancelled. */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw new TrainingCancelled();
}
