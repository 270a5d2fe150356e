// One interface over the learners (gradient-boosted trees, GLMs, the MLP), created by name, so
// cross-validation, search and the model kinds treat them alike.
import { GBDT_PARAMS, train as trainGbdt, type RawData } from '../gbdt/index.js';
import { fitGlm, GLM_PARAMS } from '../glm/index.js';
import { MLP_PARAMS, trainMlp } from '../mlp/index.js';
import type { ParamSpec } from '../params.js';
import { SEARCH_SPACES, type SearchSpace } from '../search/index.js';
import type * as tfjs from '@tensorflow/tfjs';

export type LearnerTask = 'binary' | 'multiclass' | 'regression' | 'poisson' | 'gamma' | 'tweedie';

export interface FittedModel {
  /** One value per row (per class for multiclass): probability or predicted mean. */
  predict(data: RawData): Float64Array;
  toJSON(): unknown;
}

export interface LearnerContext {
  /** TensorFlow.js with a backend chosen (core/node/tf); needed by the MLP only. */
  tf?: typeof tfjs;
}

export interface Learner {
  name: string;
  tasks: readonly LearnerTask[];
  /** The learner's declared parameters (the task-setting one is filled in by the learner). */
  params: Readonly<Record<string, ParamSpec>>;
  space: SearchSpace;
  /** `resource` in (0, 1] scales the learner's budget (trees, epochs) during search. */
  fit(
    data: RawData,
    y: Float64Array,
    task: LearnerTask,
    params: Record<string, unknown>,
    ctx: LearnerContext,
    resource?: number,
  ): FittedModel;
}

const GBDT_OBJECTIVE: Record<LearnerTask, string> = {
  binary: 'binary',
  multiclass: 'multiclass',
  regression: 'regression',
  poisson: 'poisson',
  gamma: 'gamma',
  tweedie: 'tweedie',
};

const GLM_FAMILY: Partial<Record<LearnerTask, string>> = {
  binary: 'logistic',
  regression: 'gaussian',
  poisson: 'poisson',
  gamma: 'gamma',
  tweedie: 'tweedie',
};

const MLP_TASK: Partial<Record<LearnerTask, string>> = {
  binary: 'binary',
  multiclass: 'multiclass',
  regression: 'regression',
  poisson: 'poisson',
};

export const LEARNERS: Record<string, () => Learner> = {
  gbdt: () => ({
    name: 'gbdt',
    params: GBDT_PARAMS,
    tasks: Object.keys(GBDT_OBJECTIVE) as LearnerTask[],
    space: SEARCH_SPACES.gbdt!,
    fit(data, y, task, params, _ctx, resource = 1) {
      const trees = typeof params.trees === 'number' ? params.trees : 100;
      return trainGbdt(data, y, {
        ...params,
        objective: GBDT_OBJECTIVE[task],
        trees: Math.max(5, Math.round(trees * resource)),
      });
    },
  }),
  glm: () => ({
    name: 'glm',
    params: GLM_PARAMS,
    tasks: Object.keys(GLM_FAMILY) as LearnerTask[],
    space: SEARCH_SPACES.glm!,
    fit(data, y, task, params) {
      return fitGlm(data, y, { ...params, family: GLM_FAMILY[task] });
    },
  }),
  mlp: () => ({
    name: 'mlp',
    params: MLP_PARAMS,
    tasks: Object.keys(MLP_TASK) as LearnerTask[],
    space: SEARCH_SPACES.mlp!,
    fit(data, y, task, params, ctx, resource = 1) {
      const tf = ctx.tf;
      if (!tf)
        throw new Error('the mlp learner needs TensorFlow.js: pass ctx.tf from initTensorflow()');
      const epochs = typeof params.epochs === 'number' ? params.epochs : 50;
      const model = trainMlp(tf, data, y, {
        ...params,
        task: MLP_TASK[task],
        epochs: Math.max(1, Math.round(epochs * resource)),
      });
      return { predict: (d: RawData) => model.predict(tf, d), toJSON: () => model.toJSON() };
    },
  }),
};

export function createLearner(name: string, task: LearnerTask): Learner {
  const make = LEARNERS[name];
  if (!make)
    throw new Error(
      `unknown learner ${JSON.stringify(name)} (learners: ${Object.keys(LEARNERS).join(', ')})`,
    );
  const learner = make();
  if (!learner.tasks.includes(task)) {
    throw new Error(`learner ${name} does not do ${task} (it does ${learner.tasks.join(', ')})`);
  }
  return learner;
}
