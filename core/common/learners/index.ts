// Learners behind one interface, cross-validation and tuning.
export {
  type Learner,
  type LearnerTask,
  type LearnerContext,
  type FittedModel,
  LEARNERS,
  createLearner,
} from './learner.js';
export {
  type CvScore,
  crossValidate,
  type TuneOptions,
  type TuneResult,
  tuneLearner,
} from './tune.js';
export { takeRows, takeValues } from './rows.js';
