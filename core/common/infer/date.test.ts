// Tests for date parsing: built-in formats, patterns, calendar checks, AM/PM, offsets to UTC.
import { describe, expect, it } from 'vitest';
import { compileDateFormat, detectDateFormat, makeDateConverter } from './date.js';

describe('makeDateConverter without a pattern', () => {
  const date = makeDateConverter('date');
  const datetime = makeDateConverter('datetime');

  it('reads year-first dates and validates the calendar', () => {
    expect(date('2024-03-05')).toBe('2024-03-05');
    expect(date(' 2024/3/5 ')).toBe('2024-03-05');
    expect(date('2024-02-29')).toBe('2024-02-29');
    expect(date('2000-02-29')).toBe('2000-02-29');
    for (const s of [
      '2023-02-29',
      '1900-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
      '24-01-05',
      '2024-01-05x',
      '03/05/2024',
      '2024-01-05 10:00',
    ]) {
      expect(date(s), s).toBeUndefined();
    }
  });

  it('reads ISO datetimes, seconds and milliseconds optional', () => {
    expect(datetime('2024-03-05T14:07')).toBe('2024-03-05 14:07:00');
    expect(datetime('2024-03-05 14:07:09')).toBe('2024-03-05 14:07:09');
    expect(datetime('2024-03-05T14:07:09.123')).toBe('2024-03-05 14:07:09.123');
    expect(datetime('2024-03-05T14:07:09.5')).toBe('2024-03-05 14:07:09.500');
    expect(datetime('2024-03-05T14:07:09.123456')).toBe('2024-03-05 14:07:09.123');
    expect(datetime('2024-03-05')).toBe('2024-03-05 00:00:00');
    for (const s of [
      '2024-03-05T24:00',
      '2024-03-05T12:60',
      '2024-03-05T12:00:60',
      '2024-03-05T12',
      '2024-03-05T12:0',
      '2024-03-05 noon',
      '2024-03-05T12:00:00.',
    ]) {
      expect(datetime(s), s).toBeUndefined();
    }
  });

  it('converts Z and ±hh:mm offsets to UTC, across day, month and year ends', () => {
    expect(datetime('2024-03-05T14:07:00Z')).toBe('2024-03-05 14:07:00');
    expect(datetime('2024-03-05T14:07:00+02:00')).toBe('2024-03-05 12:07:00');
    expect(datetime('2024-03-05T14:07:00-0530')).toBe('2024-03-05 19:37:00');
    expect(datetime('2024-03-10T23:30:00-05:00')).toBe('2024-03-11 04:30:00');
    expect(datetime('2024-03-01T00:10+01:00')).toBe('2024-02-29 23:10:00');
    expect(datetime('2023-03-01T00:10+01')).toBe('2023-02-28 23:10:00');
    expect(datetime('2024-12-31T23:00:00.250-02:00')).toBe('2025-01-01 01:00:00.250');
    expect(datetime('2024-01-01T00:00:00+00:01')).toBe('2023-12-31 23:59:00');
    expect(datetime('2024-03-05 14:07:00 UTC')).toBe('2024-03-05 14:07:00');
    expect(datetime('2024-03-05T14:07:00gmt')).toBe('2024-03-05 14:07:00');
    expect(datetime('2024-03-05 14:07:00 CET')).toBeUndefined();
    expect(datetime('9999-12-31T23:00:00-02:00')).toBeUndefined();
    expect(datetime('2024-03-05T14:07:00+24:00')).toBeUndefined();
    expect(datetime('2024-03-05T14:07:00+02:60')).toBeUndefined();
  });
});

describe('built-in patterns with a time tail', () => {
  it('reads US datetimes with AM/PM', () => {
    const us = makeDateConverter('datetime', 'MM/DD/YYYY');
    expect(us('3/4/2024 1:05 PM')).toBe('2024-03-04 13:05:00');
    expect(us('03/04/2024 11:59:59 pm')).toBe('2024-03-04 23:59:59');
    expect(us('12/31/2024 12:00 AM')).toBe('2024-12-31 00:00:00');
    expect(us('12/31/2024 12:30PM')).toBe('2024-12-31 12:30:00');
    expect(us('12/31/2024')).toBe('2024-12-31 00:00:00');
    expect(us('12/31/2024 13:00 PM')).toBeUndefined();
    expect(us('12/31/2024 0:30 AM')).toBeUndefined();
    expect(us('31/12/2024 10:00')).toBeUndefined();
  });

  it('reads day-first dates with dots, dashes and slashes', () => {
    expect(makeDateConverter('date', 'DD.MM.YYYY')('29.02.2024')).toBe('2024-02-29');
    expect(makeDateConverter('date', 'DD-MM-YYYY')('1-2-2024')).toBe('2024-02-01');
    expect(makeDateConverter('date', 'DD/MM/YYYY')('31/12/2024')).toBe('2024-12-31');
    expect(makeDateConverter('date', 'DD/MM/YYYY')('29/02/2023')).toBeUndefined();
    expect(makeDateConverter('datetime', 'DD.MM.YYYY')('24.12.2024 18:30')).toBe(
      '2024-12-24 18:30:00',
    );
  });
});

describe('compileDateFormat', () => {
  it('reads packed and custom patterns', () => {
    expect(compileDateFormat('YYYYMMDD')('20240229')).toBe('2024-02-29');
    expect(compileDateFormat('YYYYMMDD')('2024229')).toBeUndefined();
    expect(compileDateFormat('YYYYMMDD')('20230229')).toBeUndefined();
    expect(compileDateFormat('DD/MM/YYYY')('05/03/2024')).toBe('2024-03-05');
    expect(compileDateFormat('MM/DD/YYYY HH:mm')('03/05/2024 17:45')).toBe('2024-03-05 17:45:00');
    expect(compileDateFormat('MM/DD/YYYY HH:mm')('03/05/2024')).toBeUndefined();
    expect(compileDateFormat('MM/DD/YYYY HH:mm A')('03/05/2024 05:45 PM')).toBe(
      '2024-03-05 17:45:00',
    );
    expect(compileDateFormat('YYYY-MM-DDTHH:mm:ss.SSSZ')('2024-03-05T17:45:01.020+01:00')).toBe(
      '2024-03-05 16:45:01.020',
    );
    expect(compileDateFormat('YYYYMMDDHHmmss')('20240305174501')).toBe('2024-03-05 17:45:01');
    expect(compileDateFormat('DD MM YYYY')('05   03 2024')).toBe('2024-03-05');
  });

  it('names the bad token', () => {
    expect(() => compileDateFormat('yyyy-mm-dd')).toThrow(/unknown token "yyyy"/);
    expect(() => compileDateFormat('DD/MMM/YYYY')).toThrow(/unknown token "M"/);
    expect(() => compileDateFormat('YYYY-MM-DD hh:mm')).toThrow(/unknown token "hh"/);
    expect(() => compileDateFormat('YY-MM-DD')).toThrow(/unknown token "YY"/);
    expect(() => compileDateFormat('')).toThrow(/empty/);
    expect(() => compileDateFormat('HH:mm')).toThrow(/needs YYYY, MM and DD/);
    expect(() => compileDateFormat('YYYY-MM-DD-DD')).toThrow(/DD appears twice/);
    expect(() => compileDateFormat('YYYY-MM-DD HH')).toThrow(/HH needs mm/);
    expect(() => compileDateFormat('YYYY-MM-DD A')).toThrow(/A needs HH/);
    expect(() => compileDateFormat('20YY-MM-DD')).toThrow(/digits/);
  });
});

describe('detectDateFormat', () => {
  it('finds ISO dates and datetimes', () => {
    expect(detectDateFormat(['2024-01-05', '2024-12-31'])).toEqual({
      type: 'date',
      dateFormat: 'YYYY-MM-DD',
      ambiguous: false,
    });
    expect(detectDateFormat(['2024-01-05', '2024-12-31T10:00:00Z'])).toMatchObject({
      type: 'datetime',
      dateFormat: 'YYYY-MM-DD',
    });
  });

  it('decides between day-first and month-first', () => {
    expect(detectDateFormat(['03/04/2024', '25/04/2024'])?.dateFormat).toBe('DD/MM/YYYY');
    expect(detectDateFormat(['03/04/2024', '04/25/2024'])?.dateFormat).toBe('MM/DD/YYYY');
    expect(detectDateFormat(['03/04/2024', '05/06/2024'])).toEqual({
      type: 'date',
      dateFormat: 'MM/DD/YYYY',
      ambiguous: true,
    });
    expect(detectDateFormat(['13/04/2024', '04/25/2024'])).toBeUndefined();
  });

  it('prefers the given pattern', () => {
    expect(detectDateFormat(['03/04/2024'], 'DD/MM/YYYY')).toEqual({
      type: 'date',
      dateFormat: 'DD/MM/YYYY',
      ambiguous: false,
    });
    expect(detectDateFormat(['03/04/2024'], 'MM/DD/YYYY')?.ambiguous).toBe(false);
    expect(detectDateFormat(['2024-01-05'], 'DD/MM/YYYY')?.dateFormat).toBe('YYYY-MM-DD');
  });

  it('fails on mixed formats and non-dates', () => {
    expect(detectDateFormat(['2024-01-05', '05/01/2024'])).toBeUndefined();
    expect(detectDateFormat(['2024-01-05', 'soon'])).toBeUndefined();
    expect(detectDateFormat(['20240105'])).toBeUndefined();
    expect(detectDateFormat([])).toBeUndefined();
  });
});
