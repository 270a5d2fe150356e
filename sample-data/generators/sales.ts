// sales.csv (daily unit sales per item) and holidays.csv (the calendar the effects key on).
// Demand = level · trend · weekday · season · holiday · promotion lift · price effect, with
// negative-binomial noise; README.md gives every parameter.
import type { Rng } from '../../core/common/random.js';
import { dayNumber, dayOfYear, holidays, isoDate, weekday } from '../calendar.js';
import type { HolidayKey } from '../calendar.js';
import { fixed, id, text, withCsv } from '../csv.js';
import type { WrittenFile } from '../csv.js';
import { throttle } from '../dataset.js';
import type { Dataset, GeneratorContext } from '../dataset.js';

export const ITEM_SIZES = { small: 60, large: 200 } as const;
export const SALES_START = dayNumber(2023, 7, 1);
export const SALES_END = dayNumber(2025, 6, 30);
/** holidays.csv covers these years, so forecasts past SALES_END have their calendar too. */
const HOLIDAY_YEARS = [2023, 2024, 2025, 2026];

export const CATEGORIES = [
  'beverages',
  'snacks',
  'dairy',
  'household',
  'personal_care',
  'seasonal',
] as const;
const CATEGORY_WEIGHT = [0.2, 0.2, 0.15, 0.2, 0.15, 0.1];
const CATEGORY_PRICE = [2.5, 3.5, 3.0, 6.5, 7.5, 12];
/** Yearly cycle 1 + amplitude·cos(2π(dayOfYear − peak)/365.25), by category. */
const SEASON_AMPLITUDE = [0.3, 0.1, 0.05, 0.1, 0.05, 0.9];
const SEASON_PEAK = [196, 355, 355, 90, 180, 355];
/** Monday … Sunday. Beverages and snacks lean harder on the weekend. */
const WEEKDAY_DEFAULT = [0.85, 0.85, 0.9, 0.95, 1.1, 1.35, 1.0];
const WEEKDAY_WEEKEND_HEAVY = [0.8, 0.8, 0.85, 0.9, 1.15, 1.5, 1.0];
/** Probability that an item is intermittent, by category (seasonal items mostly are). */
const P_INTERMITTENT = [0.15, 0.15, 0.15, 0.15, 0.15, 0.6];

export const STORES = ['S1', 'S2', 'S3'] as const;
const STORE_LEVEL = [1.3, 1.0, 0.7];

/** Demand multiplier on each holiday; Christmas Day the stores are closed (no rows). */
export const HOLIDAY_EFFECT: Record<HolidayKey, number> = {
  new_years_day: 0.6,
  mlk_day: 1.05,
  presidents_day: 1.1,
  memorial_day: 1.3,
  juneteenth: 1.05,
  independence_day: 1.5,
  labor_day: 1.3,
  columbus_day: 1.05,
  veterans_day: 1.1,
  thanksgiving: 0.5,
  black_friday: 1.9,
  christmas_eve: 1.6,
  christmas_day: 0,
};

export const PROMO_LIFT = 1.5;
const P_PROMO_START = 1 / 40;
/** Negative-binomial shape: variance = μ + μ²/4. */
const NB_SHAPE = 4;
const P_PRICE_CHANGE = 1 / 120;
const P_LAUNCH_LATE = 0.1;
const P_DISCONTINUED = 0.05;
const P_PRICE_EMPTY = 0.003;

interface Item {
  rng: Rng;
  store: number;
  category: number;
  intermittent: boolean;
  level: number;
  growthPerYear: number;
  elasticity: number;
  refPrice: number;
  price: number;
  firstDay: number;
  lastDay: number;
  promoLeft: number;
  promoPrice: number;
}

function drawItem(rng: Rng): Item {
  const category = rng.weighted(CATEGORY_WEIGHT);
  const store = rng.int(STORES.length);
  const intermittent = rng.bernoulli(P_INTERMITTENT[category] as number);
  const level =
    (intermittent ? rng.uniform(0.08, 0.5) : Math.exp(rng.normal(Math.log(10), 0.6))) *
    (STORE_LEVEL[store] as number);
  const refPrice =
    Math.round((CATEGORY_PRICE[category] as number) * Math.exp(rng.normal(0, 0.35)) * 100) / 100;
  const firstDay = rng.bernoulli(P_LAUNCH_LATE) ? SALES_START + rng.int(548) : SALES_START;
  const lastDay =
    rng.bernoulli(P_DISCONTINUED) && firstDay < SALES_START + 300
      ? SALES_START + 366 + rng.int(300)
      : SALES_END;
  return {
    rng,
    store,
    category,
    intermittent,
    level,
    growthPerYear: rng.normal(0.05, 0.15),
    elasticity: rng.uniform(-2.2, -0.8),
    refPrice: Math.max(0.5, refPrice),
    price: Math.max(0.5, refPrice),
    firstDay,
    lastDay,
    promoLeft: 0,
    promoPrice: 0,
  };
}

function holidayEffects(): Map<number, number> {
  const m = new Map<number, number>();
  for (const y of HOLIDAY_YEARS) for (const h of holidays(y)) m.set(h.day, HOLIDAY_EFFECT[h.key]);
  return m;
}

/** Expected units for an item on a day at a given shelf price (promotion flag separate). */
export function expectedDemand(
  item: Pick<Item, 'level' | 'growthPerYear' | 'category' | 'elasticity' | 'refPrice'>,
  day: number,
  price: number,
  promo: boolean,
  holidayEffect: number,
): number {
  const c = item.category;
  const weekdayRate = (c <= 1 ? WEEKDAY_WEEKEND_HEAVY : WEEKDAY_DEFAULT)[weekday(day)] as number;
  const seasonRate =
    1 +
    (SEASON_AMPLITUDE[c] as number) *
      Math.cos((2 * Math.PI * (dayOfYear(day) - (SEASON_PEAK[c] as number))) / 365.25);
  return (
    item.level *
    Math.exp((item.growthPerYear * (day - SALES_START)) / 365.25) *
    weekdayRate *
    seasonRate *
    holidayEffect *
    (promo ? PROMO_LIFT : 1) *
    Math.exp(item.elasticity * Math.log(price / item.refPrice))
  );
}

/** Today's shelf price and promotion flag; advances the item's price and promotion state. */
function priceToday(item: Item): { price: number; promo: boolean } {
  const rng = item.rng;
  if (rng.bernoulli(P_PRICE_CHANGE)) {
    item.price = Math.max(
      0.5,
      Math.round(item.price * Math.exp(rng.normal(0.01, 0.05)) * 100) / 100,
    );
  }
  if (item.promoLeft === 0 && rng.bernoulli(P_PROMO_START)) {
    item.promoLeft = rng.intBetween(3, 10);
    const discount = 0.05 * rng.intBetween(2, 6); // 10 % … 30 %
    item.promoPrice = Math.round(item.price * (1 - discount) * 100) / 100;
  }
  if (item.promoLeft > 0) {
    item.promoLeft--;
    return { price: item.promoPrice, promo: true };
  }
  return { price: item.price, promo: false };
}

async function generate(ctx: GeneratorContext): Promise<WrittenFile[]> {
  const n = ITEM_SIZES[ctx.scale];
  // One stream per item: an item's series does not depend on how many items there are.
  const items = Array.from({ length: n }, (_, i) => drawItem(ctx.rng.fork(`item-${i + 1}`)));
  const effects = holidayEffects();
  const days = SALES_END - SALES_START + 1;
  const tick = throttle((done, total) => ctx.progress('sales', done, total), days);

  const sales = await withCsv(
    ctx.outDir,
    'sales.csv',
    ['date', 'store', 'item_id', 'category', 'price', 'promotion', 'quantity'],
    async (w) => {
      for (let day = SALES_START; day <= SALES_END; day++) {
        const effect = effects.get(day) ?? 1;
        const date = isoDate(day);
        for (let i = 0; i < n; i++) {
          const item = items[i] as Item;
          if (day < item.firstDay || day > item.lastDay) continue;
          const { price, promo } = priceToday(item);
          if (effect === 0) continue; // closed: no sales, no row
          const mu = expectedDemand(item, day, price, promo, effect);
          const quantity = item.rng.poisson(mu * item.rng.gamma(NB_SHAPE, 1 / NB_SHAPE));
          if (quantity === 0 && item.intermittent) continue; // zero days are absent rows
          const priceField = item.rng.bernoulli(P_PRICE_EMPTY) ? '' : fixed(price, 2);
          await w.row(
            `${date},${STORES[item.store]},${id('I', i + 1, 3)},${CATEGORIES[item.category]},${priceField},${promo ? 1 : 0},${quantity}`,
          );
        }
        tick(day - SALES_START + 1);
      }
    },
  );

  const calendar = await withCsv(
    ctx.outDir,
    'holidays.csv',
    ['date', 'holiday', 'name'],
    async (w) => {
      for (const y of HOLIDAY_YEARS) {
        for (const h of holidays(y)) await w.row(`${isoDate(h.day)},${h.key},${text(h.name)}`);
      }
    },
  );
  return [sales, calendar];
}

export const salesDataset: Dataset = { name: 'sales', generate };
