// Training as a job in the workspace, and its result as a new registry version. The registry
// row is written in one transaction at the end, so a failed or cancelled training leaves the
// workspace as it was (apart from the job's own record saying so).
import { JobRecord } from '../../core/node/jobs/record.js';
import { Registry } from '../../core/node/registry/registry.js';
import { translateSqliteError, type Workspace } from '../../core/node/workspace/workspace.js';
import type { TrainProgress } from './progress.js';
import type { TrainedModel } from './trained.js';

export interface SavedModel {
  name: string;
  version: number;
  jobId: string;
  trained: TrainedModel;
}

export async function trainAndRegister(
  ws: Workspace,
  kind: string,
  params: unknown,
  train: (onProgress: (p: TrainProgress) => void) => Promise<TrainedModel>,
  onProgress?: (p: TrainProgress) => void,
): Promise<SavedModel> {
  const job = JobRecord.start(ws, `train:${kind}`, params);
  try {
    const trained = await train((p) => {
      job.progress(p);
      onProgress?.(p);
    });
    const registry = new Registry(ws);
    const name = trained.artifact.name;
    const version = registry.addVersion({
      name,
      kind,
      artifact: trained.artifact,
      metrics: trained.metrics,
      params: trained.params,
      leaderboard: trained.leaderboard,
      evaluation: { evaluation: trained.evaluation, notes: trained.notes, rows: trained.rows },
      dataFingerprint: trained.dataFingerprint,
      seed: trained.artifact.seed,
      codeVersion: trained.artifact.codeVersion,
      jobId: job.id,
    });
    job.finish('done', { result: { name, version, metrics: trained.metrics } });
    return { name, version, jobId: job.id, trained };
  } catch (err) {
    const cancelled = (err as Error).name === 'TrainingCancelled';
    const error = translateSqliteError(err, ws.path);
    job.finishQuietly(cancelled ? 'cancelled' : 'failed', { error: (error as Error).message });
    throw error;
  }
}
