// One entry point for training any model kind, by the roles the user gives; each kind picks its
// input mode from them (a target column means table mode).
import type { ThresholdRule } from './common/decision.js';
import { trainTabular } from './common/tabular.js';
import type { CommonTrainOptions, TrainedModel } from './common/trained.js';
import type { ModelKind } from './common/artifact.js';
import type { CustomTask } from './custom/task.js';
import type { Workspace } from '../core/node/workspace/workspace.js';

export interface KindOptions extends CommonTrainOptions {
  table: string;
  target?: string;
  positive?: string;
  task?: CustomTask;
  id?: string;
  time?: string;
  amount?: string;
  item?: string;
  events?: string;
  exclude?: string[];
  /** Day number of the cutoff (default: the end of the data). */
  cutoff?: number;
  /** Horizon as given: { value, unit: 'd' | 'w' | 'm' | 'h' }. */
  horizon?: Horizon;
  thresholdRule?: ThresholdRule;
}

export interface Horizon {
  value: number;
  unit: 'h' | 'd' | 'w' | 'm';
}

export function parseHorizon(text: string): Horizon {
  const m = /^([1-9][0-9]*)\s*([hdwm])$/.exec(text.trim());
  if (!m)
    throw new Error(
      `horizon ${JSON.stringify(text)}: use a number and a unit, such as 24h, 90d, 39w or 12m`,
    );
  return { value: Number(m[1]), unit: m[2] as Horizon['unit'] };
}

export function horizonDays(h: Horizon): number {
  return h.unit === 'h'
    ? h.value / 24
    : h.unit === 'd'
      ? h.value
      : h.unit === 'w'
        ? 7 * h.value
        : (365.25 / 12) * h.value;
}

export async function trainKind(
  ws: Workspace,
  kind: ModelKind,
  o: KindOptions,
): Promise<TrainedModel> {
  const name = o.name ?? kind;
  switch (kind) {
    case 'custom':
      if (!o.target) throw new Error('train custom needs --target (the column to predict)');
      return trainTabular(ws, { ...o, kind, name, target: o.target });
    case 'churn':
      if (o.target) return trainTabular(ws, { ...o, kind, name, target: o.target, task: 'binary' });
      throw new Error(
        'train churn from a transaction log is not built yet; give --target for table mode',
      );
    case 'failure':
      if (o.target)
        return trainTabular(ws, {
          ...o,
          kind,
          name,
          target: o.target,
          task: 'binary',
          ...(o.id ? { group: o.id, id: o.id } : {}),
          thresholdRule: o.thresholdRule ?? { rule: 'recall', minRecall: 0.9 },
        });
      throw new Error(
        'train failure from telemetry is not built yet; give --target for table mode',
      );
    default:
      throw new Error(`train ${kind} is not built yet`);
  }
}
