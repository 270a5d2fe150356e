// Device-failure features: point-in-time windows over telemetry, labels, and per-sensor
// explanations.
export { buildObservations, featureName } from './windows.js';
export type { FailureEvents, Observations, ObservationOptions, Telemetry } from './windows.js';
export { WINDOW_STATS } from './window-stats.js';
export type { WindowStat } from './window-stats.js';
export { describeSensor, featureInfo, sensorOf, topSensors } from './describe.js';
export type { FeatureInfo, SensorContribution, Trend } from './describe.js';
