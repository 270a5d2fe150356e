// Sales rows as the demand kind reads them, and forecasts from an artifact. Pure (no Node):
// kind.ts reads the sales from the workspace, the standalone scorer (models/export) from the
// rows it is given.
import { regularizePanel, type Panel, type PanelRows } from '../../core/common/forecast/index.js';
import type { ModelArtifact } from '../common/artifact.js';
import type { TypedColumn } from '../common/tx-log.js';
import { forecastDemand, type DemandModel } from './index.js';

/** Rows of predictions: column names and one array per row (models/score.ts's Scored). */
export interface ScoredRows {
  columns: string[];
  rows: unknown[][];
}
type Scored = ScoredRows;

const DAY = 86400;

export interface DemandRoles {
  item: string;
  time: string;
  target: string;
  price?: string;
  promotion?: string;
  category?: string;
}

function find(
  cols: readonly TypedColumn[],
  name: string,
  table: string,
  role: string,
): TypedColumn {
  const c =
    cols.find((x) => x.name === name) ??
    cols.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!c)
    throw new Error(
      `table ${JSON.stringify(table)} has no ${role} column ${JSON.stringify(name)} (columns: ${cols.map((x) => x.name).join(', ')})`,
    );
  return c;
}

export interface LoadedSales {
  rows: PanelRows;
  items: string[];
  categories: Map<number, number>;
  categoryLevels: string[];
  roles: DemandRoles;
  fingerprint: string;
}

/**
 * loadSales on loaded columns: the panel rows, item codes (`known.items` first, new ones after)
 * and categories. Roles not named are found by name and type.
 */
export function salesFromColumns(
  t: { rows: number; columns: readonly TypedColumn[] },
  table: string,
  given: { item?: string; time?: string; target?: string },
  known?: { items: string[]; categoryLevels: string[]; roles: DemandRoles },
): Omit<LoadedSales, 'fingerprint'> {
  const ds = { name: table };
  const isDate = (c: TypedColumn) => c.type === 'date' || c.type === 'datetime';
  const roleName = (r: keyof DemandRoles) => known?.roles[r] || undefined;
  const timeCol =
    (roleName('time') ?? given.time)
      ? find(t.columns, (roleName('time') ?? given.time)!, ds.name, 'date')
      : (t.columns.find(isDate) ??
        (() => {
          throw new Error(`table ${ds.name} has no date column; name it with --time`);
        })());
  const itemCol =
    (roleName('item') ?? given.item)
      ? find(t.columns, (roleName('item') ?? given.item)!, ds.name, 'item')
      : t.columns.find((c) => /item|sku|product|series/i.test(c.name));
  const targetCol =
    (roleName('target') ?? given.target)
      ? find(t.columns, (roleName('target') ?? given.target)!, ds.name, 'quantity')
      : (t.columns.find(
          (c) => /quantity|qty|units|sales|demand/i.test(c.name) && c.kind === 'numeric',
        ) ??
        t.columns.filter((c) => c.kind === 'numeric' && !isDate(c)).at(-1) ??
        (() => {
          throw new Error(
            `cannot tell which column of ${ds.name} is the quantity; name it with --target`,
          );
        })());
  if (targetCol.kind !== 'numeric') throw new Error(`${ds.name}.${targetCol.name} is not numeric`);
  if (timeCol.kind !== 'numeric' || !isDate(timeCol))
    throw new Error(`${ds.name}.${timeCol.name} is ${timeCol.type}, not a date column`);
  const byName = (re: RegExp, kind: 'numeric' | 'categorical', role?: string) =>
    role !== undefined
      ? t.columns.find((c) => c.name === role)
      : known
        ? undefined
        : t.columns.find((c) => re.test(c.name) && c.kind === kind && c !== targetCol);
  const priceCol = byName(/^(unit_)?price$/i, 'numeric', known?.roles.price);
  const promoCol = byName(/promo/i, 'numeric', known?.roles.promotion);
  const catCol = byName(/category|department|family/i, 'categorical', known?.roles.category);
  const items = [...(known?.items ?? [])];
  const itemIndex = new Map(items.map((s, k) => [s, k]));
  const catLevels = [...(known?.categoryLevels ?? [])];
  const catIndex = new Map(catLevels.map((s, k) => [s, k]));
  const categories = new Map<number, number>();
  const keep: number[] = [];
  const codes: number[] = [];
  for (let i = 0; i < t.rows; i++) {
    // No item column: the table is one series.
    const key = !itemCol
      ? 'all'
      : itemCol.kind === 'categorical'
        ? itemCol.codes[i]! < 0
          ? null
          : itemCol.levels[itemCol.codes[i]!]!
        : Number.isNaN(itemCol.values[i]!)
          ? null
          : String(itemCol.values[i]);
    if (key === null || Number.isNaN(timeCol.values[i]!)) continue;
    let code = itemIndex.get(key);
    if (code === undefined) {
      code = items.length;
      items.push(key);
      itemIndex.set(key, code);
    }
    if (catCol && catCol.kind === 'categorical' && catCol.codes[i]! >= 0 && !categories.has(code)) {
      const level = catCol.levels[catCol.codes[i]!]!;
      let c = catIndex.get(level);
      if (c === undefined) {
        c = catLevels.length;
        catLevels.push(level);
        catIndex.set(level, c);
      }
      categories.set(code, c);
    }
    keep.push(i);
    codes.push(code);
  }
  const scale = timeCol.type === 'datetime' ? 1 / DAY : 1;
  const rows: PanelRows = {
    items: codes,
    days: Float64Array.from(keep, (i) => Math.floor(timeCol.values[i]! * scale)),
    quantities: Float64Array.from(keep, (i) => {
      const v = targetCol.values[i]!;
      return Number.isNaN(v) ? 0 : v;
    }),
    ...(priceCol && priceCol.kind === 'numeric'
      ? { prices: Float64Array.from(keep, (i) => priceCol.values[i]!) }
      : {}),
    ...(promoCol && promoCol.kind === 'numeric'
      ? { promotions: Float64Array.from(keep, (i) => promoCol.values[i]! || 0) }
      : {}),
  };
  return {
    rows,
    items,
    categories,
    categoryLevels: catLevels,
    roles: {
      item: itemCol?.name ?? '',
      time: timeCol.name,
      target: targetCol.name,
      ...(priceCol ? { price: priceCol.name } : {}),
      ...(promoCol ? { promotion: promoCol.name } : {}),
      ...(catCol ? { category: catCol.name } : {}),
    },
  };
}

const dayText = (d: number) => new Date(d * DAY * 1000).toISOString().slice(0, 10);

/**
 * Forecasts per item and period (sightline predict's rows). Without sales: from the end of the
 * training data. With sales rows: the same model from the end of their history (the items'
 * recent sales, prices and promotions feed the lags). `exact` leaves numbers unrounded.
 */
export function forecastRows(
  a: ModelArtifact,
  version: number | null,
  sales: Pick<LoadedSales, 'rows' | 'items' | 'categories'> | undefined,
  horizon?: number,
  exact = false,
): Scored {
  let model = a.settings.demand as DemandModel;
  let items = a.settings.items as string[];
  const r2 = (v: number) => (exact ? v : Number(v.toFixed(2)));
  if (sales) {
    const panel = regularizePanel(sales.rows, {
      fill: 'zero',
      categories: sales.categories,
      frequency: model.spec.frequency,
    });
    model = withHistory(model, panel);
    items = sales.items;
  }
  const h = horizon ?? (a.settings.horizon as number) ?? 30;
  const f = forecastDemand(model, h);
  const tag = `${a.name}${version ? `@${version}` : ''}`;
  const columns = [
    'item',
    'date',
    'forecast',
    'lower',
    'upper',
    'forecast_7d',
    'forecast_30d',
    'trend',
    'model_version',
  ];
  const rows: unknown[][] = [];
  for (const it of f.items)
    for (const p of it.periods.slice(0, h))
      rows.push([
        items[it.item],
        dayText(p.day),
        r2(p.forecast),
        r2(p.lower),
        r2(p.upper),
        r2(it.sum7),
        r2(it.sum30),
        it.trend,
        tag,
      ]);
  return { columns, rows };
}

/** The model with its items' history replaced by a panel's (no refit: lags come from it). */
export function withHistory(model: DemandModel, panel: Panel): DemandModel {
  return {
    ...model,
    items: panel.series.map((s) => ({
      item: s.item,
      category: s.category,
      start: s.days[0]!,
      y: Array.from(s.y),
      ...(s.price ? { price: Array.from(s.price) } : {}),
      ...(s.promotion ? { promotion: Array.from(s.promotion) } : {}),
      holtWinters: null,
    })),
  };
}
