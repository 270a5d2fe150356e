// customers.csv and transactions.csv: a subscription retailer over 18 months. Purchase rate
// and spend depend on plan, engagement, tenure and season; customers churn (stop buying for
// good) with a hazard driven by support contacts, plan, tenure, channel and latent traits,
// and their purchase rate fades in the weeks before they leave. README.md lists every number.
import type { Rng } from '../../core/common/random.js';
import { dayNumber, dayOfYear, civil, isoDate, isoDateTime, weekday } from '../calendar.js';
import { fixed, id, withCsv } from '../csv.js';
import type { WrittenFile } from '../csv.js';
import { clamp, throttle } from '../dataset.js';
import type { Dataset, GeneratorContext } from '../dataset.js';

export const CUSTOMER_SIZES = { small: 2_000, large: 50_000 } as const;

/** First and last day of the transaction window (18 months). */
export const WINDOW_START = dayNumber(2024, 1, 1);
export const WINDOW_END = dayNumber(2025, 6, 30);
/** Existing customers signed up in [EARLY_SIGNUP, WINDOW_START); new ones up to LAST_SIGNUP. */
const EARLY_SIGNUP = dayNumber(2021, 1, 1);
const LAST_SIGNUP = dayNumber(2025, 5, 31);
const P_EXISTING = 0.55;
/** Churn times are simulated this far past the window so declines show at its end. */
const SIMULATE_PAST_END = 150;

export const PLANS = ['basic', 'standard', 'premium'] as const;
const PLAN_WEIGHT = [0.5, 0.35, 0.15];
const PLAN_FEE = [9.99, 19.99, 39.99];
/** Purchases per 30.4375 days for an average customer, by plan. */
const PLAN_RATE = [1.2, 2.0, 3.0];
/** Median spend per purchase, by plan. */
const PLAN_SPEND = [28, 45, 85];
/** Added to the log churn hazard, by plan. */
const PLAN_HAZARD = [0.35, 0, -0.45];

export const REGIONS = ['North', 'South', 'East', 'West', 'Central'] as const;
const REGION_WEIGHT = [0.22, 0.25, 0.2, 0.23, 0.1];
const REGION_SPEND = [1, 1, 1, 1.1, 0.9];

export const ACQUISITION = ['organic', 'paid_search', 'referral', 'social', 'partner'] as const;
const ACQUISITION_WEIGHT = [0.35, 0.25, 0.15, 0.15, 0.1];
const ACQUISITION_HAZARD = [0, 0.15, -0.4, 0.3, 0];

const CHANNELS = ['web', 'app', 'store'] as const;
const CHANNEL_WEIGHT = [0.45, 0.35, 0.2];
/** Relative purchase frequency by hour of day, online vs in store. */
const HOURS_ONLINE = [
  1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.2, 2.5, 2.6, 2.8, 3.2, 3.0, 2.7, 2.6, 2.8, 3.2, 3.8, 4.4,
  4.8, 4.4, 3.2, 1.8,
];
const HOURS_STORE = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 2.5, 3.2, 3.8, 3.4, 3.0, 3.0, 3.4, 4.0, 3.6, 2.5, 1.2, 0, 0, 0,
];

/** Monthly baseline churn hazard (all log-hazard effects zero). */
const BASE_MONTHLY_HAZARD = 0.02;
const DAYS_PER_MONTH = 30.4375;
const P_REFUND = 0.006;
const P_AGE_EMPTY = 0.03;
const P_REGION_NA = 0.015;

interface Customer {
  signup: number;
  plan: number;
  fee: number;
  region: number;
  age: number;
  acquisition: number;
  support: number;
  /** Latent traits, never written: satisfaction lowers churn, engagement raises frequency. */
  satisfaction: number;
  engagement: number;
  /** First day without purchases (Infinity: not within the simulated horizon). */
  churnDay: number;
  /** Length of the fade-out before churnDay, in days. */
  declineDays: number;
}

/** Yearly seasonality of purchase frequency: +20 % in mid-December, -20 % in mid-June. */
function season(day: number): number {
  return 1 + 0.2 * Math.cos((2 * Math.PI * (dayOfYear(day) - 350)) / 365.25);
}
/** Monday … Sunday. */
const WEEKDAY_RATE = [0.9, 0.9, 0.9, 0.9, 1.1, 1.25, 1.25];
const MAX_RATE_FACTOR = 1.2 * 1.25 * 1.3;

function drawCustomer(rng: Rng): Customer {
  const satisfaction = rng.normal();
  const engagement = rng.normal();
  const plan = rng.weighted(PLAN_WEIGHT);
  const signup = rng.bernoulli(P_EXISTING)
    ? rng.intBetween(EARLY_SIGNUP, WINDOW_START - 1)
    : rng.intBetween(WINDOW_START, LAST_SIGNUP);
  const discounted = rng.bernoulli(0.15);
  const fee = (PLAN_FEE[plan] as number) * (discounted ? 0.8 : 1);
  const region = rng.weighted(REGION_WEIGHT);
  const age = clamp(Math.round(rng.normal(41, 12)), 18, 85);
  const acquisition = rng.weighted(ACQUISITION_WEIGHT);
  const support = rng.poisson(Math.exp(0.1 - 0.6 * satisfaction));
  const c: Customer = {
    signup,
    plan,
    fee,
    region,
    age,
    acquisition,
    support,
    satisfaction,
    engagement,
    churnDay: Infinity,
    declineDays: rng.uniform(45, 120),
  };
  c.churnDay = drawChurnDay(rng, c);
  return c;
}

/**
 * Daily hazard h(d) = (0.02 / 30.4375) · exp(η + 0.8·exp(-tenure/120)), with
 * η = 0.25·min(support, 6) + plan + acquisition − 0.35·satisfaction − 0.3·engagement
 *     − 0.01·(age − 41). Customers are active at max(signup, WINDOW_START) by construction.
 */
function drawChurnDay(rng: Rng, c: Customer): number {
  const eta =
    0.25 * Math.min(c.support, 6) +
    (PLAN_HAZARD[c.plan] as number) +
    (ACQUISITION_HAZARD[c.acquisition] as number) -
    0.35 * c.satisfaction -
    0.3 * c.engagement -
    0.01 * (c.age - 41);
  const base = (BASE_MONTHLY_HAZARD / DAYS_PER_MONTH) * Math.exp(eta);
  const horizon = WINDOW_END + SIMULATE_PAST_END;
  let budget = rng.exponential();
  for (let d = Math.max(c.signup, WINDOW_START); d <= horizon; d++) {
    const tenure = d - c.signup;
    if (tenure > 900) {
      // exp(0.8·exp(-900/120)) ≈ 1.0004: the hazard is constant from here on.
      const rest = d + Math.floor(budget / base);
      return rest <= horizon ? rest : Infinity;
    }
    budget -= base * Math.exp(0.8 * Math.exp(-tenure / 120));
    if (budget <= 0) return d + 1;
  }
  return Infinity;
}

/** Purchase-rate multiplier in the fade before churn: 1 → 0.15 linearly, then 0. */
function fade(c: Customer, day: number): number {
  if (day >= c.churnDay) return 0;
  const start = c.churnDay - c.declineDays;
  if (day < start) return 1;
  return Math.max(0.15, 1 - (0.85 * (day - start)) / c.declineDays);
}

interface Transactions {
  cust: number[];
  day: number[];
  second: number[];
  cents: number[];
  channel: number[];
}

function simulatePurchases(rng: Rng, c: Customer, index: number, tx: Transactions): void {
  const rate =
    ((PLAN_RATE[c.plan] as number) * Math.exp(0.45 * c.engagement - 0.1)) / DAYS_PER_MONTH;
  const maxRate = rate * MAX_RATE_FACTOR;
  const spendBase =
    (PLAN_SPEND[c.plan] as number) *
    Math.exp(rng.normal(0, 0.3)) *
    (REGION_SPEND[c.region] as number);
  const preferred = rng.weighted(CHANNEL_WEIGHT);
  const start = Math.max(c.signup, WINDOW_START);
  const stop = Math.min(c.churnDay, WINDOW_END + 1);
  // Thinning: candidates at the maximum rate, each kept with probability rate(day) / maxRate.
  for (let t = start + rng.exponential(maxRate); t < stop; t += rng.exponential(maxRate)) {
    const day = Math.floor(t);
    const tenureYears = (day - c.signup) / 365.25;
    const r =
      rate *
      season(day) *
      (WEEKDAY_RATE[weekday(day)] as number) *
      (1 + 0.1 * Math.min(tenureYears, 3)) *
      fade(c, day);
    if (!rng.bernoulli(r / maxRate)) continue;
    const channel = rng.bernoulli(0.75) ? preferred : rng.int(3);
    const hours = channel === 2 ? HOURS_STORE : HOURS_ONLINE;
    const second = rng.weighted(hours) * 3600 + rng.int(3600);
    const month = civil(day)[1];
    const amount =
      spendBase *
      Math.exp(rng.normal(0, 0.4) - 0.08) *
      (month >= 11 ? 1.15 : 1) *
      (1 + 0.05 * Math.min(tenureYears, 4));
    const cents = Math.max(100, Math.round(amount * 100));
    push(tx, index, day, second, cents, channel);
    if (rng.bernoulli(P_REFUND)) {
      const refundDay = day + rng.intBetween(1, 14);
      if (refundDay < stop) {
        push(tx, index, refundDay, rng.weighted(hours) * 3600 + rng.int(3600), -cents, channel);
      }
    }
  }
}

function push(
  tx: Transactions,
  cust: number,
  day: number,
  second: number,
  cents: number,
  ch: number,
) {
  tx.cust.push(cust);
  tx.day.push(day);
  tx.second.push(second);
  tx.cents.push(cents);
  tx.channel.push(ch);
}

function money(cents: number): string {
  return fixed(cents / 100, 2);
}

async function generate(ctx: GeneratorContext): Promise<WrittenFile[]> {
  const n = CUSTOMER_SIZES[ctx.scale];
  const customerRng = ctx.rng.fork('customers');
  const purchaseRng = ctx.rng.fork('transactions');
  const wrinkleRng = ctx.rng.fork('wrinkles');
  const tick = throttle((done, total) => ctx.progress('customers', done, total), n);
  const customers: Customer[] = [];
  const tx: Transactions = { cust: [], day: [], second: [], cents: [], channel: [] };
  for (let i = 0; i < n; i++) {
    const c = drawCustomer(customerRng);
    customers.push(c);
    simulatePurchases(purchaseRng, c, i, tx);
    tick(i + 1);
  }

  const customersFile = await withCsv(
    ctx.outDir,
    'customers.csv',
    [
      'customer_id',
      'signup_date',
      'plan',
      'monthly_fee',
      'region',
      'age',
      'acquisition_channel',
      'support_contacts',
    ],
    async (w) => {
      for (let i = 0; i < n; i++) {
        const c = customers[i] as Customer;
        const age = wrinkleRng.bernoulli(P_AGE_EMPTY) ? '' : String(c.age);
        const region = wrinkleRng.bernoulli(P_REGION_NA) ? 'NA' : REGIONS[c.region];
        await w.row(
          `${id('C', i + 1, 6)},${isoDate(c.signup)},${PLANS[c.plan]},${fixed(c.fee, 2)},${region},${age},${ACQUISITION[c.acquisition]},${c.support}`,
        );
      }
    },
  );

  // Transactions are numbered in time order, as a till system would.
  const count = tx.day.length;
  const key = new Float64Array(count);
  for (let i = 0; i < count; i++) key[i] = (tx.day[i] as number) * 86400 + (tx.second[i] as number);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  const txTick = throttle((done, total) => ctx.progress('transactions', done, total), count);
  const transactionsFile = await withCsv(
    ctx.outDir,
    'transactions.csv',
    ['transaction_id', 'customer_id', 'timestamp', 'amount', 'channel'],
    async (w) => {
      for (let k = 0; k < count; k++) {
        const i = order[k] as number;
        await w.row(
          `${id('T', k + 1, 7)},${id('C', (tx.cust[i] as number) + 1, 6)},${isoDateTime(tx.day[i] as number, tx.second[i] as number)},${money(tx.cents[i] as number)},${CHANNELS[tx.channel[i] as number]}`,
        );
        txTick(k + 1);
      }
    },
  );
  return [customersFile, transactionsFile];
}

export const customersDataset: Dataset = { name: 'customers', generate };
