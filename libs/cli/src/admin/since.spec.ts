import { CliUsageError } from '../errors.js';
import { parseSince } from './since.js';

describe('parseSince', () => {
  const now = Date.parse('2026-12-02T16:00:00.000Z');

  it.each([
    ['90s', '2026-12-02T15:58:30.000Z'],
    ['15m', '2026-12-02T15:45:00.000Z'],
    ['1h', '2026-12-02T15:00:00.000Z'],
    ['2d', '2026-11-30T16:00:00.000Z'],
    ['1w', '2026-11-25T16:00:00.000Z'],
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026-12-02T10:00:00+01:00', '2026-12-02T09:00:00.000Z'],
  ])('%s → %s', (given, iso) => {
    expect(parseSince(given, now)).toBe(iso);
  });

  it('is undefined when absent and a usage error for anything else', () => {
    expect(parseSince(undefined, now)).toBeUndefined();
    for (const bad of ['yesterday', '1y', '-1h', '2026-13-45', '']) expect(() => parseSince(bad, now)).toThrow(CliUsageError);
  });
});
