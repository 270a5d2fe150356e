// Demand forecasts from an artifact (the CLI's predict for demand models).
export { forecastFromArtifact } from './kind.js';
