// Measures the planted signal in a directory of generated files, with deliberately simple
// statistics (group means, single-feature AUCs). signal.test.ts asserts on these numbers and
// write-small.ts prints them for README.md, so later model tests can quote a justified bar:
// a trained model should beat the single-feature baselines reported here.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDate, weekday } from './calendar.js';
import { parseCsv } from './csv.js';
import { INDUSTRIES, SOURCES, leadLogit } from './generators/leads.js';

type Row = Record<string, string>;

export async function readTable(dir: string, name: string): Promise<Row[]> {
  const [header = [], ...rows] = parseCsv(await readFile(join(dir, name), 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const isMissing = (v: string | undefined): boolean => v === undefined || v === '' || v === 'NA';

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = m.get(k);
    if (g) g.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Area under the ROC curve of a score separating positives from negatives (ties count ½). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  const scored = [...pos.map((v) => ({ v, pos: 1 })), ...neg.map((v) => ({ v, pos: 0 }))];
  scored.sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < scored.length;) {
    let j = i;
    let positives = 0;
    while (j < scored.length && scored[j]!.v === scored[i]!.v) positives += scored[j++]!.pos;
    rankSum += (positives * (i + j + 1)) / 2; // tied scores share their mean rank
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

/** The churn set-up README.md recommends: cutoff 2025-04-01, 90-day label window. */
export const CHURN_CUTOFF = '2025-04-01';

export interface ChurnSignal {
  population: number;
  churnRate: number;
  /** Mean purchases in the 90 days before the cutoff. */
  last90Churned: number;
  last90Retained: number;
  supportChurned: number;
  supportRetained: number;
  churnRateByPlan: Record<string, number>;
  /** Single-feature AUCs for the churn label. */
  aucRecency: number;
  aucLast90: number;
  aucSupport: number;
  /** Mean spend in the 90 days after the cutoff of retained customers, by plan. */
  futureSpendByPlan: Record<string, number>;
  /** AUC of past-90-day spend for "future-90-day spend above the median" (retained only). */
  aucSpendHigh: number;
  decemberVsJunePurchases: number;
  refundShare: number;
}

export async function churnSignal(dir: string): Promise<ChurnSignal> {
  const cutoff = parseDate(CHURN_CUTOFF);
  const customers = await readTable(dir, 'customers.csv');
  const tx = await readTable(dir, 'transactions.csv');
  const stats = new Map(
    customers.map((c) => [
      c.customer_id as string,
      { c, last90: 0, last: -Infinity, spend90: 0, future: 0, futureSpend: 0 },
    ]),
  );
  let dec = 0;
  let jun = 0;
  let refunds = 0;
  for (const t of tx) {
    const amount = Number(t.amount);
    const ts = t.timestamp as string;
    if (amount < 0) {
      refunds++;
      continue; // a refund is not a purchase
    }
    if (ts.startsWith('2024-12')) dec++;
    if (ts.startsWith('2024-06')) jun++;
    const day = parseDate(ts.slice(0, 10));
    const s = stats.get(t.customer_id as string);
    if (!s) throw new Error(`transaction of unknown customer ${t.customer_id}`);
    if (day < cutoff) {
      s.last = Math.max(s.last, day);
      if (day >= cutoff - 90) {
        s.last90++;
        s.spend90 += amount;
      }
    } else if (day < cutoff + 90) {
      s.future++;
      s.futureSpend += amount;
    }
  }
  // Customers known for 90 days before the cutoff and active in those 90 days.
  const pop = [...stats.values()].filter(
    (s) => parseDate(s.c.signup_date as string) < cutoff - 90 && s.last90 > 0,
  );
  const churned = pop.filter((s) => s.future === 0);
  const retained = pop.filter((s) => s.future > 0);
  type S = (typeof pop)[number];
  const both = (f: (s: S) => number) => [churned.map(f), retained.map(f)] as const;
  const recency = both((s) => cutoff - s.last);
  const last90 = both((s) => -s.last90);
  const support = both((s) => Number(s.c.support_contacts));
  const plans = ['basic', 'standard', 'premium'];
  const spendMedian = median(retained.map((s) => s.futureSpend));
  return {
    population: pop.length,
    churnRate: churned.length / pop.length,
    last90Churned: -mean(last90[0]),
    last90Retained: -mean(last90[1]),
    supportChurned: mean(support[0]),
    supportRetained: mean(support[1]),
    churnRateByPlan: Object.fromEntries(
      plans.map((p) => {
        const g = pop.filter((s) => s.c.plan === p);
        return [p, g.filter((s) => s.future === 0).length / g.length];
      }),
    ),
    aucRecency: auc(...recency),
    aucLast90: auc(...last90),
    aucSupport: auc(...support),
    futureSpendByPlan: Object.fromEntries(
      plans.map((p) => [p, mean(retained.filter((s) => s.c.plan === p).map((s) => s.futureSpend))]),
    ),
    aucSpendHigh: auc(
      retained.filter((s) => s.futureSpend > spendMedian).map((s) => s.spend90),
      retained.filter((s) => s.futureSpend <= spendMedian).map((s) => s.spend90),
    ),
    decemberVsJunePurchases: dec / 31 / (jun / 30),
    refundShare: refunds / tx.length,
  };
}

export interface SalesSignal {
  regularItems: number;
  intermittentItems: number;
  /** Median over regular items of mean(quantity | promotion) / mean(quantity | no promotion). */
  medianPromoLift: number;
  /**
   * Median over regular items of mean quantity on promotion days with a discount of at least
   * 20 % over those with less (discount against the last regular price): price elasticity.
   */
  medianDeepDiscountLift: number;
  saturdayVsTuesday: number;
  blackFridayVsNovemberFridays: number;
  christmasDayRows: number;
}

export async function salesSignal(dir: string): Promise<SalesSignal> {
  const rows = await readTable(dir, 'sales.csv');
  const byItem = groupBy(rows, (r) => r.item_id as string);
  // Regular items have a row on every day they are listed (zeros included; Christmas Day
  // excepted); intermittent ones only on days with a sale.
  const span = (rs: readonly Row[]) =>
    parseDate((rs[rs.length - 1] as Row).date as string) -
    parseDate((rs[0] as Row).date as string) +
    1;
  const regular = [...byItem.values()].filter((rs) => rs.length >= 0.99 * span(rs) - 2);
  const qty = (rs: readonly Row[]) => mean(rs.map((r) => Number(r.quantity)));
  const full = regular.filter((r) => r.length >= 700);
  const lifts = full.map(
    (r) => qty(r.filter((x) => x.promotion === '1')) / qty(r.filter((x) => x.promotion === '0')),
  );
  const depthLifts = full.map((rs) => {
    const deep: number[] = [];
    const shallow: number[] = [];
    let regularPrice = NaN;
    for (const r of rs) {
      if (isMissing(r.price)) continue;
      const price = Number(r.price);
      if (r.promotion === '0') regularPrice = price;
      else if (regularPrice > 0)
        (1 - price / regularPrice >= 0.195 ? deep : shallow).push(Number(r.quantity));
    }
    return mean(deep) / mean(shallow);
  });
  const fullIds = new Set(full.map((r) => (r[0] as Row).item_id));
  const fullRows = rows.filter((r) => fullIds.has(r.item_id));
  const dow = (r: Row) => weekday(parseDate(r.date as string));
  const blackFridays = new Set(['2023-11-24', '2024-11-29']);
  const novemberFriday = (r: Row) =>
    dow(r) === 4 && (r.date as string).slice(5, 7) === '11' && !blackFridays.has(r.date as string);
  return {
    regularItems: regular.length,
    intermittentItems: byItem.size - regular.length,
    medianPromoLift: median(lifts),
    medianDeepDiscountLift: median(depthLifts),
    saturdayVsTuesday:
      qty(fullRows.filter((r) => dow(r) === 5)) / qty(fullRows.filter((r) => dow(r) === 1)),
    blackFridayVsNovemberFridays:
      qty(fullRows.filter((r) => blackFridays.has(r.date as string))) /
      qty(fullRows.filter(novemberFriday)),
    christmasDayRows: rows.filter((r) => (r.date as string).endsWith('-12-25')).length,
  };
}

export interface TelemetrySignal {
  failures: number;
  failuresByType: Record<string, number>;
  /**
   * Mean reading in the 12 h before failures of a type minus the same device's mean more than
   * 96 h from any failure, keyed `${type}.${sensor}`.
   */
  excess: Record<string, number>;
  /** AUC of raw vibration for "a failure within the next 24 h", over all readings. */
  aucVibration24h: number;
  /** AUC of raw temperature for the same label. */
  aucTemperature24h: number;
}

export const SENSORS = ['temperature', 'vibration', 'pressure', 'rpm', 'voltage'] as const;

export async function telemetrySignal(dir: string): Promise<TelemetrySignal> {
  const telemetry = await readTable(dir, 'telemetry.csv');
  const failures = await readTable(dir, 'failures.csv');
  const hours = (ts: string) =>
    parseDate(ts.slice(0, 10)) * 24 +
    Number(ts.slice(11, 13)) +
    Number(ts.slice(14, 16)) / 60 +
    Number(ts.slice(17, 19)) / 3600;
  const readings = groupBy(telemetry, (r) => r.device_id as string);
  const failuresOf = groupBy(failures, (f) => f.device_id as string);
  const types = [...new Set(failures.map((f) => f.failure_type as string))].sort();
  const excess: Record<string, number> = {};
  for (const type of types) {
    // Deviations from each device's own mean far from failures (baselines differ by model).
    const near: Record<string, number[]> = {};
    for (const s of SENSORS) near[s] = [];
    const devices = new Set(
      failures.filter((f) => f.failure_type === type).map((f) => f.device_id as string),
    );
    for (const device of devices) {
      const fails = (failuresOf.get(device) ?? []).map((f) => ({
        at: hours(f.timestamp as string),
        type: f.failure_type,
      }));
      const rows = (readings.get(device) ?? []).map((r) => ({
        r,
        h: hours(r.timestamp as string),
      }));
      const far = rows.filter(({ h }) => fails.every((f) => Math.abs(f.at - h) > 96));
      const nearRows = rows.filter(({ h }) =>
        fails.some((f) => f.type === type && h < f.at && h >= f.at - 12),
      );
      for (const s of SENSORS) {
        const farValues = far.filter(({ r }) => !isMissing(r[s])).map(({ r }) => Number(r[s]));
        if (farValues.length < 24) continue;
        const base = mean(farValues);
        for (const { r } of nearRows) if (!isMissing(r[s])) near[s]?.push(Number(r[s]) - base);
      }
    }
    for (const s of SENSORS) excess[`${type}.${s}`] = mean(near[s] ?? []);
  }
  const label = (r: Row) =>
    (failuresOf.get(r.device_id as string) ?? []).some((f) => {
      const d = hours(f.timestamp as string) - hours(r.timestamp as string);
      return d > 0 && d <= 24;
    });
  const scored = (s: string) => {
    const ok = telemetry.filter((r) => !isMissing(r[s]));
    const pos = ok.filter(label);
    const neg = ok.filter((r) => !label(r));
    return auc(
      pos.map((r) => Number(r[s])),
      neg.map((r) => Number(r[s])),
    );
  };
  return {
    failures: failures.length,
    failuresByType: Object.fromEntries(
      types.map((t) => [t, failures.filter((f) => f.failure_type === t).length]),
    ),
    excess,
    aucVibration24h: scored('vibration'),
    aucTemperature24h: scored('temperature'),
  };
}

export interface LeadsSignal {
  leads: number;
  conversionRate: number;
  pagesConverted: number;
  pagesNotConverted: number;
  conversionByDemo: { demo: number; noDemo: number };
  conversionBySource: Record<string, number>;
  /** Odds ratio of a demo among companies with ≥ 200 and < 200 employees. */
  demoOddsRatioLarge: number;
  demoOddsRatioSmall: number;
  aucPages: number;
  /** AUC of the documented logit evaluated on the rows without missing inputs (the ceiling). */
  aucTrueLogit: number;
}

/** The documented logit of a leads.csv row (its inputs must not be missing). */
function trueLogit(l: Row): number {
  return leadLogit({
    source: SOURCES.indexOf(l.source as (typeof SOURCES)[number]),
    industry: INDUSTRIES.indexOf(l.industry as (typeof INDUSTRIES)[number]),
    companySize: Number(l.company_size),
    pagesViewed: Number(l.pages_viewed),
    emailOpens: Number(l.email_opens),
    daysSinceFirstTouch: Number(l.days_since_first_touch),
    demoRequested: l.demo_requested === '1',
  });
}

export async function leadsSignal(dir: string): Promise<LeadsSignal> {
  const leads = await readTable(dir, 'leads.csv');
  const yes = (l: Row) => l.converted === 'yes';
  const conv = (g: readonly Row[]) => g.filter(yes).length / g.length;
  const odds = (p: number) => p / (1 - p);
  const withPages = leads.filter((l) => !isMissing(l.pages_viewed));
  const pages = (l: Row) => Number(l.pages_viewed);
  const sized = leads.filter((l) => !isMissing(l.company_size));
  const demoOr = (g: readonly Row[]) =>
    odds(conv(g.filter((l) => l.demo_requested === '1'))) /
    odds(conv(g.filter((l) => l.demo_requested === '0')));
  const complete = leads.filter((l) => !isMissing(l.pages_viewed) && !isMissing(l.company_size));
  const sources = [...new Set(leads.map((l) => l.source as string))].sort();
  return {
    leads: leads.length,
    conversionRate: conv(leads),
    pagesConverted: mean(withPages.filter(yes).map(pages)),
    pagesNotConverted: mean(withPages.filter((l) => !yes(l)).map(pages)),
    conversionByDemo: {
      demo: conv(leads.filter((l) => l.demo_requested === '1')),
      noDemo: conv(leads.filter((l) => l.demo_requested === '0')),
    },
    conversionBySource: Object.fromEntries(
      sources.map((s) => [s, conv(leads.filter((l) => l.source === s))]),
    ),
    demoOddsRatioLarge: demoOr(sized.filter((l) => Number(l.company_size) >= 200)),
    demoOddsRatioSmall: demoOr(sized.filter((l) => Number(l.company_size) < 200)),
    aucPages: auc(withPages.filter(yes).map(pages), withPages.filter((l) => !yes(l)).map(pages)),
    aucTrueLogit: auc(
      complete.filter(yes).map(trueLogit),
      complete.filter((l) => !yes(l)).map(trueLogit),
    ),
  };
}
