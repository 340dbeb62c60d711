import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringAlertsOptions } from '../interfaces/monitoring-module-options.interface.js';
import { ALERTS_DEFAULTS, resolveAlertsOptions } from './alerts.options.js';

const rules: MonitoringAlertsOptions['rules'] = [{ name: 'dead-letters', when: { deadLetters: { above: 0 } } }];
const slack = { kind: 'slack', connector: 'slack', channel: '#alerts' } as const;

function refusal(options: unknown): string {
  try {
    resolveAlertsOptions(options as MonitoringAlertsOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the options to be refused');
}

describe('resolveAlertsOptions', () => {
  it('applies the defaults: every 15 s, counts written every second, 10 attempts from 1 s to 5 min, 10 s each', () => {
    expect(resolveAlertsOptions({ channel: slack, rules })).toMatchObject({
      channel: slack,
      evaluateEveryMs: 15_000,
      flushEveryMs: 1_000,
      retry: { attempts: 10, baseDelayMs: 1_000, maxDelayMs: 300_000, timeoutMs: 10_000 },
    });
    expect(ALERTS_DEFAULTS.evaluateEvery).toBe('15s');
  });

  it('writes counts at least as often as it evaluates, and takes retry settings one by one', () => {
    const resolved = resolveAlertsOptions({ channel: { kind: 'webhook', url: 'https://ops.example.com/a', secret: 'whsec_abc' }, rules, evaluateEvery: 200, retry: { attempts: 3, baseDelayMs: 50 } });
    expect(resolved).toMatchObject({ evaluateEveryMs: 200, flushEveryMs: 200, retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 300_000, timeoutMs: 10_000 } });
  });

  it.each([
    [{ channel: { kind: 'email', to: 'ops@example.com' }, rules }, /alerts.channel.kind "email" is not a channel; use \{ kind: 'slack', connector, channel \} or \{ kind: 'webhook', url, secret \}/],
    [{ rules }, /alerts.channel.kind undefined is not a channel/],
    [{ channel: { kind: 'slack', channel: '#alerts' }, rules }, /alerts.channel.connector is required/],
    [{ channel: { kind: 'slack', connector: 'slack' }, rules }, /alerts.channel.channel is required/],
    [{ channel: { kind: 'webhook', secret: 'whsec_x' }, rules }, /alerts.channel.url is required/],
    [{ channel: { kind: 'webhook', url: 'ftp://example.com/x', secret: 'whsec_x' }, rules }, /alerts.channel.url "ftp:\/\/example.com\/x" is not an http\(s\) URL/],
    [{ channel: { kind: 'webhook', url: 'not a url', secret: 'whsec_x' }, rules }, /is not an http\(s\) URL/],
    [{ channel: { kind: 'webhook', url: 'https://example.com/x', secret: '' }, rules }, /alerts.channel.secret is required/],
    [{ channel: slack, rules, evaluateEvery: '0s' }, /alerts.evaluateEvery must be a positive duration/],
    [{ channel: slack, rules, retry: { attempts: 0 } }, /alerts.retry.attempts must be a whole number >= 1; got 0/],
    [{ channel: slack, rules, retry: { baseDelayMs: -1 } }, /alerts.retry.baseDelayMs must be a number of ms >= 0/],
    [{ channel: slack, rules, retry: { baseDelayMs: 5_000, maxDelayMs: 1_000 } }, /alerts.retry.maxDelayMs must be a number of ms >= baseDelayMs/],
    [{ channel: slack, rules, retry: { timeoutMs: 0 } }, /alerts.retry.timeoutMs must be a number of ms > 0/],
    [{ channel: slack, rules: [] }, /alerts.rules is empty/],
  ])('refuses %j', (options, message) => {
    expect(refusal(options)).toMatch(message);
  });
});
