import { describe, expect, it } from 'vitest';
import { describeFactor, formatContribution } from './index.js';

describe('describeFactor', () => {
  it('phrases behavioural features with a signed contribution', () => {
    expect(describeFactor('recency_days', 120, 0.2134)).toBe('no purchase in 120 days: +0.21');
    expect(describeFactor('frequency', 4, -0.08)).toBe('4 purchases in the last 180 days: −0.08');
    expect(describeFactor('frequency', 1, 0, { observationDays: 365 })).toBe(
      '1 purchase in the last 365 days: +0.00',
    );
    expect(describeFactor('frequency_30d', 0, 0.1)).toBe('no purchases in the last 30 days: +0.10');
    // s = −0.428…: last / previous = 0.4, i.e. down 60 %.
    expect(describeFactor('spend_trend', (0.4 - 1) / 1.4, 0.12)).toBe(
      'spend down 60 % vs the previous 90 days: +0.12',
    );
    expect(describeFactor('spend_trend', 1 / 3, 0.01)).toBe(
      'spend up 100 % vs the previous 90 days: +0.01',
    );
    expect(describeFactor('spend_trend', -1, 0.3)).toMatch(/^no spend in the last 90 days/);
    expect(describeFactor('monetary_total', 1234.5, -0.2)).toBe(
      'spent 1,235 in the last 180 days: −0.20',
    );
    expect(describeFactor('monetary_mean', 35.2, 0.02)).toBe('35.20 per purchase: +0.02');
    expect(describeFactor('overdue_ratio', 2.5, 0.3)).toBe(
      'last purchase 2.5× the usual gap ago: +0.30',
    );
    expect(describeFactor('gap_mean', NaN, 0.05)).toBe(
      'fewer than 2 purchases in the last 180 days: +0.05',
    );
    expect(describeFactor('tenure_days', 430.4, -0.1)).toBe('customer for 430 days: −0.10');
  });

  it('falls back to name = value for attributes', () => {
    expect(describeFactor('plan', 'premium', 0.05)).toBe('plan = premium: +0.05');
    expect(describeFactor('age', 41, -0.013)).toBe('age = 41: −0.01');
    expect(describeFactor('monthly_fee', 19.99, 0.004)).toBe('monthly_fee = 19.99: +0.00');
    expect(describeFactor('age', NaN, 0.02)).toBe('age missing: +0.02');
  });

  it('never prints a negative zero', () => {
    expect(formatContribution(-0.001)).toBe('+0.00');
    expect(formatContribution(-0.005)).toBe('−0.01');
  });
});
