import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const rosen = ([x, y]: number[]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2;
    const r = nelderMead(rosen, [-1.2, 1]);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.fx).toBeLessThan(1e-10);
  });

  it('treats non-finite values as outside the domain', () => {
    // log-barrier: undefined for x <= 0; minimum of x - log(x) at x = 1
    const r = nelderMead(([x]) => (x! > 0 ? x! - Math.log(x!) : NaN), [3]);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });

  it('minimises a 6-dimensional quadratic and is deterministic', () => {
    const target = [1, -2, 3, 0.5, -0.25, 4];
    const f = (x: number[]) => x.reduce((s, v, i) => s + (i + 1) * (v - target[i]!) ** 2, 0);
    const a = nelderMead(f, [0, 0, 0, 0, 0, 0], { maxIterations: 20000 });
    const b = nelderMead(f, [0, 0, 0, 0, 0, 0], { maxIterations: 20000 });
    expect(a).toEqual(b);
    a.x.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 4));
  });
});
