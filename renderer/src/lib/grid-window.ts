// Which rows a virtual grid shows for a scroll position. Browsers cap an element's height (about
// 33 million pixels in Chromium, less elsewhere), so past MAX_SCROLL_PX the scroll range is
// scaled: the scrollbar maps linearly onto the rows instead of one pixel per pixel.
export const MAX_SCROLL_PX = 8_000_000;

export interface GridWindow {
  /** Height of the scrolling content. */
  contentHeight: number;
  /** First row shown, and how many. */
  first: number;
  count: number;
  /** Where (in content pixels) the first row is drawn. */
  offset: number;
}

export function gridWindow(
  total: number,
  rowHeight: number,
  viewportHeight: number,
  scrollTop: number,
): GridWindow {
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const natural = total * rowHeight;
  const contentHeight = Math.min(natural, MAX_SCROLL_PX);
  const maxScroll = Math.max(1, contentHeight - viewportHeight);
  const lastFirst = Math.max(0, total - visible + 1);
  const first =
    natural <= MAX_SCROLL_PX
      ? Math.floor(scrollTop / rowHeight)
      : Math.round((Math.min(scrollTop, maxScroll) / maxScroll) * lastFirst);
  const clamped = Math.max(0, Math.min(first, lastFirst));
  const offset = natural <= MAX_SCROLL_PX ? clamped * rowHeight : Math.min(scrollTop, maxScroll);
  return { contentHeight, first: clamped, count: Math.min(visible, total - clamped), offset };
}

/** Fetches rows in fixed pages and keeps the most recent ones. */
export class RowPages {
  private pages = new Map<number, unknown[][]>();
  private pending = new Map<number, Promise<void>>();

  constructor(
    private fetchPage: (offset: number, limit: number) => Promise<unknown[][]>,
    readonly pageSize = 500,
    private keep = 40,
  ) {}

  row(i: number): unknown[] | undefined {
    return this.pages.get(Math.floor(i / this.pageSize))?.[i % this.pageSize];
  }

  /** Loads the pages covering rows [first, first + count); resolves when they are in. */
  async ensure(first: number, count: number): Promise<boolean> {
    const from = Math.floor(first / this.pageSize);
    const to = Math.floor((first + Math.max(count, 1) - 1) / this.pageSize);
    const loads: Promise<void>[] = [];
    for (let p = from; p <= to; p++) {
      if (this.pages.has(p)) continue;
      let load = this.pending.get(p);
      if (!load) {
        load = this.fetchPage(p * this.pageSize, this.pageSize).then((rows) => {
          this.pages.set(p, rows);
          this.pending.delete(p);
          while (this.pages.size > this.keep) this.pages.delete(this.pages.keys().next().value!);
        });
        this.pending.set(p, load);
      }
      loads.push(load);
    }
    await Promise.all(loads);
    return loads.length > 0;
  }
}
