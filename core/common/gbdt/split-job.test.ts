import { describe, expect, it } from 'vitest';
import { mergeSplit, SPLIT_OUT } from './split-job.js';
import { SplitInfo } from './split.js';

/** A result slot as splitJob writes it. */
function result(gain: number, feature: number, catBins: number[] = []): Float64Array {
  const out = new Float64Array(2 * SPLIT_OUT);
  const at = SPLIT_OUT; // the second slot, to check the offset is honoured
  out.set([gain, feature, 7, 1, catBins.length ? 1 : 0, -1, 2, 30, 1, 3, 40, 0.5, -0.25], at);
  out[at + 13] = catBins.length;
  catBins.forEach((b, k) => (out[at + 16 + k] = b));
  return out;
}

function mainBest(gain: number): SplitInfo {
  const s = new SplitInfo();
  s.gain = gain;
  s.feature = 2;
  s.thresholdBin = 3;
  return s;
}

describe('mergeSplit', () => {
  it('takes another thread’s split only when strictly better (ties keep the earlier feature)', () => {
    const tie = mainBest(1.5);
    mergeSplit(result(1.5, 9), SPLIT_OUT, tie);
    expect([tie.feature, tie.thresholdBin]).toEqual([2, 3]);
    const better = mainBest(1.5);
    mergeSplit(result(1.75, 9, [2, 5]), SPLIT_OUT, better);
    expect(better).toMatchObject({
      gain: 1.75,
      feature: 9,
      thresholdBin: 7,
      defaultLeft: true,
      categorical: true,
      catBins: [2, 5],
      leftGrad: -1,
      leftHess: 2,
      leftCount: 30,
      rightGrad: 1,
      rightHess: 3,
      rightCount: 40,
      leftOutput: 0.5,
      rightOutput: -0.25,
    });
  });

  it('ignores a slot with no split, and fills a node that had none', () => {
    const none = mainBest(0.5);
    mergeSplit(result(-Infinity, -1), SPLIT_OUT, none);
    expect(none.feature).toBe(2);
    const empty = new SplitInfo();
    mergeSplit(result(0.25, 4), SPLIT_OUT, empty);
    expect([empty.feature, empty.gain, empty.catBins]).toEqual([4, 0.25, []]);
  });
});
