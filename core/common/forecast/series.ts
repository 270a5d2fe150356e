// Regularises a demand panel: rows of (item, day, quantity[, price, promotion]) become one dense
// series per item on a regular period grid, with several rows per item-period summed.
import {
  addPeriods,
  detectFrequency,
  type Frequency,
  periodIndex,
  periodStart,
  SEASON_LENGTH,
} from './frequency.js';

export interface PanelRows {
  /** Item code per row (any integers). */
  items: ArrayLike<number>;
  /** Day per row (whole days since 1970-01-01); bucketed into the period that contains it. */
  days: ArrayLike<number>;
  quantities: ArrayLike<number>;
  /** Unit price per row (optional; NaN = unknown); averaged within an item-period. */
  prices?: ArrayLike<number>;
  /** Promotion intensity per row (optional; 0 = none); the maximum within an item-period. */
  promotions?: ArrayLike<number>;
}

export interface PanelOptions {
  /** Default: detected from the distinct days (see detectFrequency). */
  frequency?: Frequency;
  /** 'zero' (default): a period with no rows is a period with no demand; 'none': NaN. */
  fill?: 'zero' | 'none';
  /**
   * 'item' (default): each item's series runs from its own first period to the last period of
   * the whole panel (a product launched late gets no leading zeros; one that stopped selling
   * shows zeros to the end). 'common': every item runs over the whole panel's span.
   */
  span?: 'item' | 'common';
  /** Category code per item code (optional), kept on the series. */
  categories?: ReadonlyMap<number, number>;
}

export interface ItemSeries {
  item: number;
  category: number;
  /** Index of this series' first period on the panel grid (0 = the panel's first period). */
  offset: number;
  /** Period start days, one per value. */
  days: number[];
  y: Float64Array;
  /** NaN where unknown; absent when the rows carried no prices. */
  price?: Float64Array;
  /** 0 where no row said otherwise; absent when the rows carried no promotions. */
  promotion?: Float64Array;
}

export interface Panel {
  frequency: Frequency;
  season: number;
  /** Start day of the panel's first period (monthly: the 1st of the month). */
  start: number;
  /** Number of periods of the panel grid. */
  length: number;
  series: ItemSeries[];
}

/** Builds the dense panel; items are sorted by code. */
export function regularizePanel(rows: PanelRows, options: PanelOptions = {}): Panel {
  const n = rows.items.length;
  for (const [name, col] of [
    ['days', rows.days],
    ['quantities', rows.quantities],
    ['prices', rows.prices],
    ['promotions', rows.promotions],
  ] as const) {
    if (col && col.length !== n) throw new RangeError(`${col.length} ${name} for ${n} items`);
  }
  if (n === 0) throw new RangeError('the panel has no rows');
  const frequency = options.frequency ?? detectFrequency(rows.days).frequency;
  let minDay = Infinity;
  for (let i = 0; i < n; i++) minDay = Math.min(minDay, rows.days[i]!);
  // Weekly periods are 7-day blocks from the first day seen; monthly ones calendar months.
  const start = periodStart(minDay, minDay, frequency);
  const period = new Int32Array(n);
  let length = 0;
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const p = periodIndex(rows.days[i]!, start, frequency);
    period[i] = p;
    length = Math.max(length, p + 1);
    const it = rows.items[i]!;
    first.set(it, Math.min(first.get(it) ?? p, p));
  }
  const common = options.span === 'common';
  const fillValue = options.fill === 'none' ? NaN : 0;
  const byItem = new Map<number, ItemSeries>();
  const priceCount = new Map<number, Float64Array>();
  for (const item of [...first.keys()].sort((a, b) => a - b)) {
    const offset = common ? 0 : first.get(item)!;
    const len = length - offset;
    const s: ItemSeries = {
      item,
      category: options.categories?.get(item) ?? -1,
      offset,
      days: Array.from({ length: len }, (_, k) => addPeriods(start, offset + k, frequency)),
      y: new Float64Array(len).fill(NaN),
    };
    if (rows.prices) {
      s.price = new Float64Array(len);
      priceCount.set(item, new Float64Array(len));
    }
    if (rows.promotions) s.promotion = new Float64Array(len);
    byItem.set(item, s);
  }
  for (let i = 0; i < n; i++) {
    const s = byItem.get(rows.items[i]!)!;
    const k = period[i]! - s.offset;
    const q = rows.quantities[i]!;
    s.y[k] = Number.isNaN(s.y[k]!) ? q : s.y[k]! + q;
    const price = rows.prices?.[i];
    if (price !== undefined && !Number.isNaN(price)) {
      s.price![k]! += price;
      priceCount.get(s.item)![k]! += 1;
    }
    const promo = rows.promotions?.[i];
    if (promo !== undefined && !Number.isNaN(promo)) {
      s.promotion![k] = Math.max(s.promotion![k]!, promo);
    }
  }
  for (const s of byItem.values()) {
    for (let k = 0; k < s.y.length; k++) if (Number.isNaN(s.y[k]!)) s.y[k] = fillValue;
    const counts = priceCount.get(s.item);
    if (s.price && counts) {
      for (let k = 0; k < s.price.length; k++) {
        s.price[k] = counts[k]! > 0 ? s.price[k]! / counts[k]! : NaN;
      }
    }
  }
  return {
    frequency,
    season: SEASON_LENGTH[frequency],
    start,
    length,
    series: [...byItem.values()],
  };
}
