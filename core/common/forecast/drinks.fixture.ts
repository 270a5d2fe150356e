// The drinks series (tests/fixtures/drinks): period start days and values, for tests only.
// Tests may read files; the fixture is not part of the pure layer's build (tsconfig.common.json).
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { daysFromCivil } from '../calendar.js';

export function loadDrinks(): { days: number[]; y: number[] } {
  const url = new URL('../../../tests/fixtures/drinks/drinks.csv', import.meta.url);
  const lines = readFileSync(url, 'utf8').trim().split('\n').slice(1);
  const days: number[] = [];
  const y: number[] = [];
  for (const line of lines) {
    const [date, value] = line.split(',');
    const [yy, mm, dd] = date!.split('-').map(Number);
    days.push(daysFromCivil(yy!, mm!, dd!));
    y.push(Number(value));
  }
  return { days, y };
}
