import { monthParts, niceMax } from '../chart';

describe('the trend chart’s axis', () => {
  it('rounds the tallest bar up to a round maximum with four equal steps', () => {
    expect(niceMax(0)).toEqual({ max: 4, step: 1 });
    expect(niceMax(3)).toEqual({ max: 4, step: 1 });
    expect(niceMax(6)).toEqual({ max: 8, step: 2 });
    expect(niceMax(17)).toEqual({ max: 20, step: 5 });
    expect(niceMax(230)).toEqual({ max: 400, step: 100 });
  });

  it('labels January and the first month with their year', () => {
    expect(monthParts('2025-12', true)).toEqual({ year: 2025, month: 12, withYear: true });
    expect(monthParts('2026-01', false)).toEqual({ year: 2026, month: 1, withYear: true });
    expect(monthParts('2026-02', false)).toEqual({ year: 2026, month: 2, withYear: false });
  });
});
