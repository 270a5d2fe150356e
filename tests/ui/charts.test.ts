// The UI's chart options (renderer/src/lib/charts.ts): large series switch to ECharts' large-data
// modes so a million-point chart stays responsive; small ones are left exactly as they are.
import { describe, expect, it } from 'vitest';
import { forLargeData, LARGE_SERIES } from '../../renderer/src/lib/charts.js';

describe('forLargeData', () => {
  const points = (n: number) => Array.from({ length: n }, (_, i) => [i, i % 7]);

  it('samples long lines and batches big scatters and bars, keeping their data', () => {
    const big = points(LARGE_SERIES + 1);
    const out = forLargeData({
      title: { text: 't' },
      series: [
        { type: 'line', data: big },
        { type: 'scatter', data: big },
        { type: 'bar', data: big.map((p) => p[1]) },
        { type: 'line', data: big, sampling: 'average' }, // a chart's own choice wins
      ],
    }) as { title: unknown; series: Record<string, unknown>[] };
    expect(out.title).toEqual({ text: 't' });
    expect(out.series[0]).toMatchObject({ type: 'line', sampling: 'lttb' });
    expect(out.series[0]!.data).toBe(big);
    expect(out.series[1]).toMatchObject({ type: 'scatter', large: true });
    expect(out.series[2]).toMatchObject({ type: 'bar', large: true });
    expect(out.series[3]!.sampling).toBe('average');
  });

  it('leaves small series and options without series unchanged', () => {
    const small = { series: [{ type: 'line', data: points(LARGE_SERIES) }] };
    expect(forLargeData(small)).toEqual(small);
    const none = { title: { text: 'x' } };
    expect(forLargeData(none)).toBe(none);
  });
});
