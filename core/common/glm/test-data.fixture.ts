// The reference rows of reference-data.fixture.ts as model input, shared by the tests.
import type { GlmData } from './design.js';
import * as D from './reference-data.fixture.js';

export const referenceData: GlmData = {
  numeric: [Float64Array.from(D.age), Float64Array.from(D.usage), Float64Array.from(D.noise)],
  categorical: [Int32Array.from(D.plan)],
  names: ['age', 'usage', 'noise', 'plan'],
  levels: [D.planLevels],
};
