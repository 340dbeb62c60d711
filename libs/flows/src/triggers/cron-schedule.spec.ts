import { FlowConfigurationError } from '../errors/flow-configuration.error.js';
import { assertCronShape, assertTimeZone, cronJobId } from './cron-schedule.js';

describe('cron schedules', () => {
  it('gives each flow a job id without ":" (Bull splits repeatable keys on it)', () => {
    expect(cronJobId('nightly')).toBe('flow-nightly');
    expect(cronJobId('billing:close')).toBe('flow-billing%3Aclose');
  });

  it('takes five or six fields, and refuses other shapes with what to write', () => {
    expect(() => assertCronShape('n', '0 2 * * *')).not.toThrow();
    expect(() => assertCronShape('n', '*/5 0 2 * * *')).not.toThrow();
    for (const cron of ['', '* * * *', '* * * * * * *']) {
      expect(() => assertCronShape('n', cron)).toThrow(FlowConfigurationError);
    }
    expect(() => assertCronShape('n', '@@')).toThrow(`Flow "n": cron "@@" must have five fields (minute hour day month weekday, e.g. '0 2 * * *') or six (seconds first).`);
  });

  it('takes IANA time zones only', () => {
    expect(() => assertTimeZone('n', 'Europe/Rome')).not.toThrow();
    expect(() => assertTimeZone('n', 'UTC')).not.toThrow();
    expect(() => assertTimeZone('n', 'Mars/Olympus')).toThrow(`Flow "n": tz "Mars/Olympus" is not an IANA time zone.`);
  });
});
