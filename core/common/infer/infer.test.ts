// Tests for column type inference on realistic columns, the converters and type widening.
import { describe, expect, it } from 'vitest';
import { inferColumn, isIdName, makeConverter, widenType } from './infer.js';

/** n values from f(i). */
const gen = (n: number, f: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => f(i));

describe('inferColumn', () => {
  it('reads prices as real, counts as integer', () => {
    expect(inferColumn('price', ['19.99', '5', '0.50', '', '120.00', 'NA'])).toEqual({
      type: 'real',
      idLike: false,
      notes: [],
    });
    const counts = inferColumn(
      'orders',
      gen(500, (i) => String((i * 7) % 40)),
    );
    expect(counts).toEqual({ type: 'integer', idLike: false, notes: [] });
  });

  it('reads mixed integers and reals as real', () => {
    expect(inferColumn('amount', ['1', '2', '2.5', '-3', '1e3']).type).toBe('real');
  });

  it('reads 0/1 flags as integer and yes/no as boolean', () => {
    expect(
      inferColumn(
        'churned',
        gen(100, (i) => String(i % 2)),
      ).type,
    ).toBe('integer');
    expect(inferColumn('active', ['yes', 'No', 'YES', ' no', null, 'N/A'])).toEqual({
      type: 'boolean',
      idLike: false,
      notes: [],
    });
    expect(inferColumn('flag', ['T', 'F', 'true', 'false']).type).toBe('boolean');
  });

  it('reads ISO dates and datetimes', () => {
    expect(inferColumn('signup', ['2024-01-05', '2023-12-31', ''])).toEqual({
      type: 'date',
      dateFormat: 'YYYY-MM-DD',
      idLike: false,
      notes: [],
    });
    const dt = inferColumn('ts', ['2024-01-05T10:00:00Z', '2024-01-06T11:30:00+02:00']);
    expect(dt).toMatchObject({ type: 'datetime', dateFormat: 'YYYY-MM-DD' });
    expect(makeConverter(dt.type, { dateFormat: dt.dateFormat })('2024-01-06T11:30:00+02:00')).toBe(
      '2024-01-06 09:30:00',
    );
  });

  it('reads day-first dates when a first field is above 12', () => {
    const c = inferColumn('date', ['03/04/2024', '25/12/2023', '01/01/2024']);
    expect(c).toEqual({ type: 'date', dateFormat: 'DD/MM/YYYY', idLike: false, notes: [] });
    expect(makeConverter(c.type, { dateFormat: c.dateFormat })('03/04/2024')).toBe('2024-04-03');
  });

  it('reads ambiguous slashed dates month-first and says so', () => {
    const c = inferColumn('date', ['03/04/2024', '05/06/2024']);
    expect(c.type).toBe('date');
    expect(c.dateFormat).toBe('MM/DD/YYYY');
    expect(c.notes.join(' ')).toMatch(/month-first/);
  });

  it('reads US datetimes', () => {
    const c = inferColumn('created', ['3/14/2024 2:05 PM', '12/01/2023 9:00 AM', '1/2/2024']);
    expect(c).toMatchObject({ type: 'datetime', dateFormat: 'MM/DD/YYYY', idLike: false });
    expect(makeConverter(c.type, { dateFormat: c.dateFormat })('3/14/2024 2:05 PM')).toBe(
      '2024-03-14 14:05:00',
    );
  });

  it('uses the user date format first, even for digit-only dates', () => {
    const c = inferColumn('day', ['20240105', '20231231'], { dateFormat: 'YYYYMMDD' });
    expect(c).toEqual({ type: 'date', dateFormat: 'YYYYMMDD', idLike: false, notes: [] });
    expect(inferColumn('day', ['03/04/2024'], { dateFormat: 'DD/MM/YYYY' }).notes).toEqual([]);
    // A column the user format does not fit is inferred as usual.
    expect(inferColumn('n', ['12', '13'], { dateFormat: 'YYYYMMDD' }).type).toBe('integer');
    const iso = inferColumn('at', ['2024-01-05'], { dateFormat: 'DD/MM/YYYY' });
    expect(iso).toMatchObject({ type: 'date', dateFormat: 'YYYY-MM-DD' });
    expect(iso.notes).toEqual([
      'values do not match the date format DD/MM/YYYY; read as YYYY-MM-DD',
    ]);
    const bad = inferColumn('n', ['12'], { dateFormat: 'yyyy' });
    expect(bad.type).toBe('integer');
    expect(bad.notes[0]).toMatch(/unknown token "yyyy"/);
  });

  it('keeps zip codes with leading zeros as id-like categorical', () => {
    const zips = gen(200, (i) => ['02139', '10001', '94105', '00501'][i % 4]!);
    const c = inferColumn('zip', zips);
    expect(c.type).toBe('categorical');
    expect(c.idLike).toBe(true);
    expect(c.notes[0]).toMatch(/leading zeros/);
    expect(makeConverter(c.type)(' 02139')).toBe('02139');
  });

  it('keeps many distinct leading-zero ids as text', () => {
    const c = inferColumn(
      'account',
      gen(300, (i) => String(i).padStart(8, '0')),
    );
    expect(c).toMatchObject({ type: 'text', idLike: true });
  });

  it('keeps integers beyond int64 as id-like text', () => {
    const c = inferColumn(
      'iccid',
      gen(30, (i) => `8901260${String(i).padStart(13, '0')}`),
    );
    expect(c).toMatchObject({ type: 'text', idLike: true });
  });

  it('marks customer ids by name and by values', () => {
    expect(inferColumn('customer_id', ['1', '1', '2'])).toMatchObject({
      type: 'integer',
      idLike: true,
    });
    expect(
      inferColumn(
        'n',
        gen(50, (i) => String(1000 + i)),
      ),
    ).toMatchObject({
      type: 'integer',
      idLike: true,
    });
    const codes = inferColumn(
      'customer',
      gen(50, (i) => `CUST-${1000 + i}`),
    );
    expect(codes).toEqual({ type: 'text', idLike: true, notes: [] });
    const uuids = inferColumn(
      'ref',
      gen(25, (i) => `${i.toString(16).padStart(8, '0')}-9c1e-4a7b-8f00-0242ac120002`),
    );
    expect(uuids.idLike).toBe(true);
    // Too few values to tell.
    expect(
      inferColumn(
        'n',
        gen(10, (i) => String(i + 1)),
      ).idLike,
    ).toBe(false);
  });

  it('never marks a real column id-like', () => {
    expect(inferColumn('user_id', ['1.5', '2.5']).idLike).toBe(false);
    expect(
      inferColumn(
        'x',
        gen(50, (i) => `${i}.25`),
      ).idLike,
    ).toBe(false);
  });

  it('reads free-text comments as text', () => {
    const comments = gen(
      40,
      (i) => `Customer called about invoice ${i}; asked for a refund and a callback next week.`,
    );
    expect(inferColumn('comment', comments)).toEqual({ type: 'text', idLike: false, notes: [] });
  });

  it('reads a few repeated plan names as categorical', () => {
    const plans = gen(1000, (i) => ['Basic', 'Pro', 'Enterprise', ' Pro '][i % 4]!);
    expect(inferColumn('plan', plans)).toEqual({ type: 'categorical', idLike: false, notes: [] });
  });

  it('applies the distinct-count thresholds', () => {
    // 21 distinct values in 400: above 20 and above 5% of 400 (20) → text.
    expect(
      inferColumn(
        'c',
        gen(400, (i) => `v${i % 21}`),
      ).type,
    ).toBe('text');
    // 30 distinct values in 1000: under 5% of 1000 (50) → categorical.
    expect(
      inferColumn(
        'c',
        gen(1000, (i) => `v${i % 30}`),
      ).type,
    ).toBe('categorical');
    // Few distinct but long values → text.
    expect(
      inferColumn(
        'c',
        gen(100, (i) => `${'x'.repeat(60)}${i % 3}`),
      ).type,
    ).toBe('text');
  });

  it('reads an all-missing column as text, with a note', () => {
    const c = inferColumn('notes', ['', 'NA', null, ' ', 'null']);
    expect(c.type).toBe('text');
    expect(c.idLike).toBe(false);
    expect(c.notes).toEqual(['every sampled value is missing; stored as text']);
    expect(inferColumn('id', []).idLike).toBe(true);
  });

  it('reads mixed dates and text as categorical or text', () => {
    expect(inferColumn('when', ['2024-01-05', 'yesterday', '2024-01-06']).type).toBe('categorical');
  });
});

describe('isIdName', () => {
  it('matches id-style names', () => {
    for (const n of [
      'id',
      'ID',
      'Id',
      'customer_id',
      'CUSTOMER_ID',
      'customerId',
      'customerID',
      'order-id',
      'Order ID',
      'uuid',
      'key',
      'row_key',
      'user2Id',
    ]) {
      expect(isIdName(n), n).toBe(true);
    }
    for (const n of [
      'paid',
      'PAID',
      'void',
      'Void',
      'valid',
      'identity',
      'keyboard',
      'monkey',
      'idea',
    ]) {
      expect(isIdName(n), n).toBe(false);
    }
  });
});

describe('makeConverter', () => {
  it('returns the parser for each type', () => {
    expect(makeConverter('integer')(' 12 ')).toBe(12);
    expect(makeConverter('integer')('1.5')).toBeUndefined();
    expect(makeConverter('real')('1.5')).toBe(1.5);
    expect(makeConverter('boolean')('Yes')).toBe(1);
    expect(makeConverter('date')('2024-01-05')).toBe('2024-01-05');
    expect(makeConverter('datetime', { dateFormat: 'DD/MM/YYYY' })('05/01/2024 10:00')).toBe(
      '2024-01-05 10:00:00',
    );
    expect(makeConverter('categorical')('  Pro ')).toBe('Pro');
    expect(makeConverter('text')('  as written ')).toBe('  as written ');
  });

  it('throws a clear error on a bad date format', () => {
    expect(() => makeConverter('date', { dateFormat: 'DD/MMM/YYYY' })).toThrow(
      /invalid date format "DD\/MMM\/YYYY": unknown token "M"/,
    );
    // Only date types use the pattern.
    expect(() => makeConverter('integer', { dateFormat: 'bad' })).not.toThrow();
  });
});

describe('widenType', () => {
  it('widens integer to real to text', () => {
    expect(widenType('integer', '12')).toBe('integer');
    expect(widenType('integer', '1.5')).toBe('real');
    expect(widenType('integer', 'n/a')).toBe('integer');
    expect(widenType('integer', 'abc')).toBe('text');
    expect(widenType('real', '1e5')).toBe('real');
    expect(widenType('real', 'abc')).toBe('text');
  });

  it('widens boolean to categorical', () => {
    expect(widenType('boolean', 'no')).toBe('boolean');
    expect(widenType('boolean', 'maybe')).toBe('categorical');
  });

  it('widens date to datetime to text', () => {
    expect(widenType('date', '2024-01-05')).toBe('date');
    expect(widenType('date', '2024-01-05 10:00')).toBe('datetime');
    expect(widenType('date', '05/01/2024 10:00', 'DD/MM/YYYY')).toBe('datetime');
    expect(widenType('date', 'soon')).toBe('text');
    expect(widenType('datetime', '2024-01-05')).toBe('datetime');
    expect(widenType('datetime', '2024-02-30')).toBe('text');
  });

  it('leaves categorical and text alone', () => {
    expect(widenType('categorical', '1.5')).toBe('categorical');
    expect(widenType('text', '')).toBe('text');
  });
});

describe('id-like integers', () => {
  it('flags a running sequence but not distinct amounts or timestamps', () => {
    const seq = Array.from({ length: 50 }, (_, i) => String(1000 + i * 3));
    expect(inferColumn('n', seq).idLike).toBe(true);
    const cents = Array.from({ length: 50 }, (_, i) => String((i * 7919) % 100_003));
    expect(new Set(cents).size).toBe(50);
    expect(inferColumn('amount_cents', cents)).toMatchObject({ type: 'integer', idLike: false });
  });
});
