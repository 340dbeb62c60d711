import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringAlertRule } from '../interfaces/monitoring-module-options.interface.js';
import { resolveAlertRules } from './alert-rules.js';

const refusal = (rules: unknown): Error => {
  try {
    resolveAlertRules(rules as MonitoringAlertRule[]);
  } catch (error) {
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    return error as Error;
  }
  throw new Error('expected the rules to be refused');
};
const rule = (when: unknown, name = 'r1') => [{ name, when }];

describe('resolveAlertRules', () => {
  it("reads the issue's three rules", () => {
    const [count, dead, cost] = resolveAlertRules([
      { name: 'webhook-401s', when: { metric: 'webhook_rejected', reason: 'signature', over: '5m', above: 10 } },
      { name: 'dead-letters', when: { deadLetters: { above: 0 } } },
      { name: 'ai-spend', when: { aiCostUsd: { per: '1d', above: 50 } } },
    ]);
    expect(count).toMatchObject({ kind: 'count', name: 'webhook-401s', metric: 'webhook_rejected', reason: 'invalid_signature', source: undefined, above: 10, windowMs: 300_000, window: '5m', bucketMs: 5_000 });
    expect(count).toMatchObject({ describe: 'webhook_rejected{reason=signature} over 5m > 10', fingerprint: expect.stringMatching(/^[0-9a-f]{10}$/) });
    expect(dead).toEqual({ kind: 'deadLetters', name: 'dead-letters', above: 0, window: undefined, describe: 'dead letters > 0' });
    expect(cost).toMatchObject({ kind: 'cost', name: 'ai-spend', above: 50, windowMs: 86_400_000, window: '1d', bucketMs: 1_440_000, describe: 'AI spend (USD) over 1d > 50' });
  });

  it('reads every metric, its reasons and a source, and a window in ms', () => {
    const rules = resolveAlertRules([
      { name: 'a', when: { metric: 'webhook_rejected', reason: 'rate_limited', source: 'stripe', over: 60_000, above: 0 } },
      { name: 'b', when: { metric: 'webhook_dead', over: '1h', above: 3 } },
      { name: 'c', when: { metric: 'ai_error', source: 'openai', over: '10m', above: 5 } },
      { name: 'd', when: { metric: 'http_error', reason: 'circuit_open', source: 'slack', over: '30s', above: 0 } },
    ]);
    expect(rules.map((r) => r.kind === 'count' && [r.metric, r.reason, r.source, r.windowMs, r.window])).toEqual([
      ['webhook_rejected', 'rate_limited', 'stripe', 60_000, '60000ms'],
      ['webhook_dead', undefined, undefined, 3_600_000, '1h'],
      ['ai_error', undefined, 'openai', 600_000, '10m'],
      ['http_error', 'circuit_open', 'slack', 30_000, '30s'],
    ]);
  });

  it('gives a changed condition other counters, and the same condition the same ones', () => {
    const print = (when: object) => (resolveAlertRules(rule(when) as MonitoringAlertRule[])[0] as { fingerprint: string }).fingerprint;
    const base = { metric: 'webhook_rejected', reason: 'signature', over: '5m', above: 10 };
    expect(print(base)).toBe(print({ ...base, above: 20 }));
    expect(print(base)).toBe(print({ ...base, reason: 'invalid_signature', over: 300_000 }));
    expect(print(base)).not.toBe(print({ ...base, over: '10m' }));
    expect(print(base)).not.toBe(print({ ...base, source: 'stripe' }));
  });

  it.each([
    [[], /alerts.rules is empty/],
    [rule({ metric: 'webhook_dead', over: '1m', above: 1 }, 'has space'), /alerts.rules\[0\].name "has space" must be 1 to 64 characters/],
    [[...rule({ deadLetters: { above: 0 } }, 'x'), ...rule({ deadLetters: { above: 1 } }, 'x')], /two alert rules are named "x"/],
    [rule({ metric: 'webhook_401', over: '5m', above: 1 }), /metric "webhook_401" does not exist; use one of webhook_rejected, webhook_dead, ai_error, http_error/],
    [rule({ metric: 'webhook_rejected', reason: 'bad_sig', over: '5m', above: 1 }), /webhook_rejected has no reason "bad_sig"; use one of invalid_signature, forbidden, .*signature/],
    [rule({ metric: 'webhook_rejected', reason: 'toString', over: '5m', above: 1 }), /has no reason "toString"/],
    [rule({ metric: 'http_error', reason: 'signature', over: '5m', above: 1 }), /http_error has no reason "signature"; use one of timeout, network, rate_limited, client_error, server_error, provider_error, circuit_open/],
    [rule({ metric: 'webhook_dead', reason: 'x', over: '5m', above: 1 }), /metric webhook_dead takes no reason; remove when.reason/],
    [rule({ metric: 'webhook_dead', source: '', over: '5m', above: 1 }), /when.source must be a non-empty string \(a webhook source name\)/],
    [rule({ metric: 'webhook_dead', over: '5 minutes', above: 1 }), /alert rule "r1": when.over must be a positive duration such as .* got "5 minutes"/],
    [rule({ metric: 'webhook_dead', above: 1 }), /when.over must be a positive duration/],
    [rule({ metric: 'webhook_dead', over: '5m', above: -1 }), /when.above must be a number >= 0 .* got -1/],
    [rule({ metric: 'webhook_dead', over: '5m' }), /when.above must be a number >= 0/],
    [rule({ metric: 'webhook_dead', over: '5m', above: 1, window: '5m' }), /when.window is not an option; use metric, reason, source, over, above/],
    [rule({ deadLetters: { above: 0.5 } }), /when.deadLetters.above must be a whole number >= 0/],
    [rule({ deadLetters: {} }), /when.deadLetters.above must be a whole number >= 0/],
    [rule({ aiCostUsd: { per: 'daily', above: 50 } }), /when.aiCostUsd.per must be a positive duration/],
    [rule({ aiCostUsd: { per: '1d', above: '50' } }), /when.aiCostUsd.above must be a number >= 0 .*; got "50"/],
    [rule({ deadLetters: { above: 0 }, aiCostUsd: { per: '1d', above: 1 } }), /when must be exactly one of/],
    [rule({ metric: 'webhook_dead', over: '5m', above: 1, deadLetters: { above: 0 } }), /when must be exactly one of/],
    [rule({}), /when must be exactly one of/],
    [rule(undefined), /when must be exactly one of/],
  ])('refuses %j', (rules, message) => {
    expect(refusal(rules).message).toMatch(message);
  });
});
