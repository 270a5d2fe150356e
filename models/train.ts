// One entry point for training any model kind, by the roles the user gives; each kind picks its
// input mode from them (a target column means table mode).
import type { ThresholdRule } from './common/decision.js';
import { trainTabular } from './common/tabular.js';
import type { CommonTrainOptions, TrainedModel } from './common/trained.js';
import type { ModelKind } from './common/artifact.js';
import type { CustomTask } from './custom/task.js';
import { trainChurnFromLog } from './churn/transactions.js';
import { trainLtv } from './ltv/train.js';
import { trainDemandKind } from './demand/kind.js';
import { trainFailureFromTelemetry } from './failure/telemetry.js';
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
  /** Customer or device attributes table. */
  attributes?: string;
  /** Holidays table (demand). */
  holidays?: string;
  /** failure: also train remaining useful life. */
  rul?: boolean;
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
      return trainChurnFromLog(ws, {
        ...o,
        name,
        roles: {
          ...(o.id ? { id: o.id } : {}),
          ...(o.time ? { time: o.time } : {}),
          ...(o.amount ? { amount: o.amount } : {}),
        },
        ...(o.horizon ? { predictionDays: horizonDays(o.horizon) } : {}),
      });
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
      if (!o.events)
        throw new Error(
          'train failure needs --events TABLE (failure events) with telemetry, or --target COLUMN for a labelled table',
        );
      return trainFailureFromTelemetry(ws, {
        ...o,
        name,
        events: o.events,
        ...(o.horizon ? { horizonHours: horizonDays(o.horizon) * 24 } : {}),
      });
    case 'ltv':
      return trainLtv(ws, {
        ...o,
        name,
        roles: {
          ...(o.id ? { id: o.id } : {}),
          ...(o.time ? { time: o.time } : {}),
          ...(o.amount ? { amount: o.amount } : {}),
        },
        ...(o.horizon
          ? {
              months:
                o.horizon.unit === 'm' ? o.horizon.value : horizonDays(o.horizon) / (365.25 / 12),
            }
          : {}),
      });
    case 'demand': {
      const { horizon, ...rest } = o;
      return trainDemandKind(ws, { ...rest, name, ...(horizon ? { horizon: horizon.value } : {}) });
    }
    default:
      throw new Error(`unknown model kind ${String(kind)}`);
  }
}
