import { describe, expect, it } from 'vitest';
import { fromDateInput, toDateInput } from '../../ui/format';
import { judgeExpiryDay, LATEST_DAY, limitDayOf } from './user-expiry-rules';

const now = new Date(2026, 10, 30, 12, 0, 0);

describe('an expiry day picked in a date field', () => {
  it('keeps a year below 100 as typed instead of moving it to the 1900s', () => {
    const iso = fromDateInput('0001-03-04');
    expect(iso).not.toBeNull();
    expect(new Date(iso ?? '').getFullYear()).toBe(1);
    expect(toDateInput(iso)).toBe('0001-03-04');
  });

  it('refuses days that do not exist', () => {
    expect(fromDateInput('2027-02-31')).toBeNull();
    expect(judgeExpiryDay(false, '2027-02-31', LATEST_DAY, now).kind).toBe('invalid');
  });

  it('calls a year 0001 too early, and a past day one that expires the account now', () => {
    expect(judgeExpiryDay(false, '0001-01-01', LATEST_DAY, now).kind).toBe('tooEarly');
    expect(judgeExpiryDay(false, '2001-05-01', LATEST_DAY, now).kind).toBe('past');
    expect(judgeExpiryDay(false, '2026-11-30', LATEST_DAY, now).kind).toBe('ok');
    expect(judgeExpiryDay(false, '', LATEST_DAY, now).kind).toBe('empty');
  });

  it('holds the day within the editor’s or the parent’s own expiry', () => {
    const limit = limitDayOf([new Date(2027, 5, 1).toISOString(), null]);
    expect(limit).toBe('2027-06-01');
    expect(judgeExpiryDay(false, '2027-06-01', limit, now).kind).toBe('ok');
    expect(judgeExpiryDay(false, '2027-06-02', limit, now)).toEqual({
      kind: 'beyondLimit',
      limitDay: '2027-06-01',
    });
    expect(judgeExpiryDay(true, '', limit, now).kind).toBe('beyondLimit');
    expect(judgeExpiryDay(true, '', LATEST_DAY, now).kind).toBe('never');
    expect(judgeExpiryDay(false, '10000-01-01', LATEST_DAY, now).kind).toBe('beyondLimit');
  });
});
