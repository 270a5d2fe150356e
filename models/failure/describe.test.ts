import { describe, expect, it } from 'vitest';
import { describeSensor, featureInfo, sensorOf, topSensors } from './describe.js';

describe('sensor explanations', () => {
  it('maps features back to their sensor', () => {
    expect(sensorOf('vibration_slope_24h')).toBe('vibration');
    expect(sensorOf('oil_temp_mean_1.5h')).toBe('oil_temp');
    expect(featureInfo('oil_temp_change_6h')).toEqual({
      sensor: 'oil_temp',
      stat: 'change',
      windowHours: 6,
    });
    expect(sensorOf('readings_24h')).toBeUndefined();
    expect(sensorOf('hours_since_failure')).toBeUndefined();
    expect(sensorOf('model')).toBeUndefined();
  });

  const names = [
    'vibration_mean_6h',
    'vibration_slope_6h',
    'vibration_slope_24h',
    'temperature_mean_24h',
    'temperature_slope_24h',
    'pressure_min_24h',
    'hours_since_failure',
  ];
  // One row's TreeSHAP values plus the bias slot, which is ignored.
  const phi = [0.1, 0.05, 0.16, -0.2, 0.05, 0.02, 0.9, -3.1];

  it('sums contributions per sensor, largest first', () => {
    const top = topSensors(names, phi, 2);
    expect(top.map((t) => t.sensor)).toEqual(['vibration', 'pressure']);
    expect(top[0]!.contribution).toBeCloseTo(0.31, 12);
    expect(topSensors(names, phi, 10).map((t) => t.sensor)).toEqual([
      'vibration',
      'pressure',
      'temperature',
    ]);
    expect(() => topSensors(names, phi.slice(0, 3), 2)).toThrow(RangeError);
  });

  it('phrases a sensor with the trend of its longest window', () => {
    const values = [3.1, -0.2, 0.04, 70, -0.01, 5.9, 12];
    const [vibration, , temperature] = topSensors(names, phi, 3, values);
    expect(vibration!.trend).toEqual({ direction: 'rising', windowHours: 24 });
    expect(describeSensor(vibration!.sensor, vibration!.contribution, vibration!.trend)).toBe(
      'vibration (rising over 24 h): +0.31',
    );
    expect(describeSensor(temperature!.sensor, temperature!.contribution, temperature!.trend)).toBe(
      'temperature (falling over 24 h): -0.15',
    );
    expect(describeSensor('pressure', 0.02)).toBe('pressure: +0.02');
  });
});
