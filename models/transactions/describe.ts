// Plain-language reasons for a score: one phrase per feature value and its contribution, e.g.
// "no purchase in 120 days: +0.21". Attributes fall back to "plan = premium: +0.05".
import type { FeatureName } from './features.js';

export interface DescribeOptions {
  /** The observation window the features were built with (default 180). */
  observationDays?: number;
}

const MINUS = '\u2212';

/** "+0.21" / "−0.08"; values that round to zero read "+0.00". */
export function formatContribution(contribution: number): string {
  if (Number.isNaN(contribution)) return '?';
  const abs = Math.abs(contribution).toFixed(2);
  return (contribution < 0 && abs !== '0.00' ? MINUS : '+') + abs;
}

function count(n: number, one: string, many: string): string {
  return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
}

function money(x: number): string {
  const abs = Math.abs(x);
  // Thousands separators by hand: toLocaleString would depend on the runtime's ICU data.
  const s = abs >= 100 ? String(Math.round(abs)).replace(/\B(?=(\d{3})+$)/g, ',') : abs.toFixed(2);
  return (x < 0 ? MINUS : '') + s;
}

function days(x: number): string {
  const d = Math.round(x);
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}

function plain(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(2)));
}

function trend(s: number): string {
  if (Number.isNaN(s)) return 'no spend in the last 180 days';
  if (s >= 1) return 'spend in the last 90 days, none in the previous 90';
  if (s <= -1) return 'no spend in the last 90 days, after spending in the previous 90';
  const pct = Math.round(((2 * s) / (1 - s)) * 100);
  if (pct === 0) return 'spend flat vs the previous 90 days';
  return `spend ${pct < 0 ? 'down' : 'up'} ${Math.abs(pct)} % vs the previous 90 days`;
}

function phrase(name: string, v: number, window: string): string | undefined {
  switch (name as FeatureName) {
    case 'recency_days':
      if (Number.isNaN(v)) return 'no purchase yet';
      return v < 1 ? 'purchased in the last day' : `no purchase in ${days(v)}`;
    case 'frequency':
      return `${count(v, 'purchase', 'purchases')} in the last ${window}`;
    case 'monetary_total':
      return `spent ${money(v)} in the last ${window}`;
    case 'monetary_mean':
      return Number.isNaN(v) ? `no purchases in the last ${window}` : `${money(v)} per purchase`;
    case 'frequency_30d':
      return `${count(v, 'purchase', 'purchases')} in the last 30 days`;
    case 'frequency_90d':
      return `${count(v, 'purchase', 'purchases')} in the last 90 days`;
    case 'monetary_90d':
      return `spent ${money(v)} in the last 90 days`;
    case 'spend_trend':
      return trend(v);
    case 'gap_mean':
      if (Number.isNaN(v)) return `fewer than 2 purchases in the last ${window}`;
      return `a purchase every ${days(v)} on average`;
    case 'gap_std':
      if (Number.isNaN(v)) return `fewer than 3 purchases in the last ${window}`;
      return `gaps between purchases vary by ${days(v)}`;
    case 'overdue_ratio':
      if (Number.isNaN(v)) return 'no usual gap between purchases yet';
      return `last purchase ${v.toFixed(1)}× the usual gap ago`;
    case 'tenure_days':
      return `customer for ${days(v)}`;
    case 'lifetime_purchases':
      return `${count(v, 'purchase', 'purchases')} in total`;
    case 'lifetime_spend':
      return `spent ${money(v)} in total`;
    default:
      return undefined;
  }
}

/**
 * One line for one feature of one row. `value` is the feature value, or for a categorical
 * attribute its level (a string); `contribution` is its share of the score (e.g. a SHAP value).
 */
export function describeFactor(
  featureName: string,
  value: number | string,
  contribution: number,
  options: DescribeOptions = {},
): string {
  const window = days(options.observationDays ?? 180);
  const text =
    typeof value === 'string'
      ? `${featureName} = ${value}`
      : (phrase(featureName, value, window) ??
        (Number.isNaN(value) ? `${featureName} missing` : `${featureName} = ${plain(value)}`));
  return `${text}: ${formatContribution(contribution)}`;
}
