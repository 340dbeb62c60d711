import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    [250, 250],
    [0, 0],
    ['500ms', 500],
    ['30s', 30_000],
    ['1.5s', 1_500],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
  ])('%s is %d ms', (value, ms) => {
    expect(parseDuration(value)).toBe(ms);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '30', '30 minutes', '1y', '', '-5s', null, undefined, {}])('refuses %s', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});
