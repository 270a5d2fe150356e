// The runtime every standalone scorer carries after its MODEL and metadata: the engine bundle
// (scorer-engine.generated.ts: models/export/runtime/entry.ts and the pure engine code it uses,
// bundled by scripts/build-scorer-engine.mjs) and the module's exports. The bundle runs the same
// feature builders, learners, calibration, explanations and phrasing as `sightline predict`, so
// the scorer's answers are the engine's; scorer.test.ts and tests/export hold it to that.
import { SCORER_ENGINE } from './scorer-engine.generated.js';

export const SCORER_RUNTIME = `
// ---- The Sightline engine's scoring code (generated; plain JavaScript, no imports).
${SCORER_ENGINE}
const SCORER = SightlineEngine.createScorer(MODEL, metadata);

/**
 * Scores the input (see the header for its shape by mode) and returns one object per output row
 * with the fields sightline predict gives. options.round === false keeps full precision.
 */
export function score(input, options) {
  return SCORER.score(input, options);
}

/**
 * Drift of the input against the model's training data: PSI per feature (on the reference bins
 * this file embeds) and of the prediction, missing rates and a verdict. No network needed.
 */
export function drift(input, options) {
  return SCORER.drift(input, options);
}
`;
