// A synthetic daily demand panel for tests: items with their own level, a shared weekly pattern
// (weekends busier), a slow trend, random promotions that lift sales, price cuts during
// promotions, and a few holidays on which demand jumps. Poisson counts, seeded.
import { daysFromCivil } from '../../core/common/calendar.js';
import type { PanelRows } from '../../core/common/forecast/index.js';
import { Rng } from '../../core/common/random.js';

export interface SyntheticPanel {
  rows: PanelRows;
  holidays: number[];
  categories: Map<number, number>;
}

const WEEK = [0.8, 0.85, 0.9, 1.0, 1.2, 1.5, 1.1]; // Monday … Sunday

export function syntheticPanel(items = 6, days = 364, seed = 42): SyntheticPanel {
  const rng = new Rng(seed);
  const start = daysFromCivil(2023, 1, 2); // a Monday
  const holidays = [
    daysFromCivil(2023, 1, 1),
    daysFromCivil(2023, 4, 7),
    daysFromCivil(2023, 5, 29),
    daysFromCivil(2023, 7, 4),
    daysFromCivil(2023, 9, 4),
    daysFromCivil(2023, 11, 23),
    daysFromCivil(2023, 12, 25),
  ];
  const isHoliday = new Set(holidays);
  const rows: {
    items: number[];
    days: number[];
    quantities: number[];
    prices: number[];
    promotions: number[];
  } = {
    items: [],
    days: [],
    quantities: [],
    prices: [],
    promotions: [],
  };
  const categories = new Map<number, number>();
  for (let i = 0; i < items; i++) {
    const item = 100 + i;
    categories.set(item, i % 2);
    const level = 4 + 40 * rng.next();
    const trend = (rng.next() - 0.5) * 0.8; // −40 % … +40 % over the year
    const basePrice = 2 + 8 * rng.next();
    let promoLeft = 0;
    for (let t = 0; t < days; t++) {
      const day = start + t;
      if (promoLeft === 0 && rng.bernoulli(0.04)) promoLeft = 3 + rng.int(4);
      const promo = promoLeft > 0 ? 1 : 0;
      if (promoLeft > 0) promoLeft--;
      const mu =
        level *
        (1 + (trend * t) / days) *
        WEEK[t % 7]! *
        (promo ? 1.8 : 1) *
        (isHoliday.has(day) ? 2.5 : 1);
      rows.items.push(item);
      rows.days.push(day);
      rows.quantities.push(rng.poisson(mu));
      rows.prices.push(promo ? basePrice * 0.8 : basePrice);
      rows.promotions.push(promo);
    }
  }
  return { rows, holidays, categories };
}
