import { computeBackoff } from '@aiwire/core';
import { matchOf, retryPolicy, serializeResult, toRunError, valueAt } from './step-helpers.js';
import { resolveFlowsOptions } from '../flows.options.js';
import { FlowStepFailedError } from '../errors/flow-step-failed.error.js';
import { FlowStepResultTooLargeError } from '../errors/flow-step-result-too-large.error.js';

const module = resolveFlowsOptions({ redis: { url: 'redis://127.0.0.1:6379' }, attempts: 4, backoff: { delayMs: 100 } });

describe('retryPolicy', () => {
  it('takes the step, then the flow, then the module', () => {
    expect(retryPolicy(undefined, {}, module)).toEqual({ attempts: 4, backoff: { delayMs: 100, maxDelayMs: 600_000 } });
    expect(retryPolicy(undefined, { attempts: 2, backoff: { maxDelayMs: 50 } }, module)).toEqual({ attempts: 2, backoff: { delayMs: 100, maxDelayMs: 50 } });
    expect(retryPolicy({ attempts: 7, backoff: { delayMs: 1 } }, { attempts: 2 }, module)).toEqual({ attempts: 7, backoff: { delayMs: 1, maxDelayMs: 600_000 } });
  });

  it('gives a full-jitter exponential schedule capped at maxDelayMs', () => {
    const { backoff } = retryPolicy(undefined, { backoff: { delayMs: 100, maxDelayMs: 350 } }, module);
    const top = (attempt: number) => computeBackoff(attempt, { baseMs: backoff.delayMs, maxMs: backoff.maxDelayMs, jitter: 'full', random: () => 0.999999 });
    expect([1, 2, 3, 4].map(top)).toEqual([99, 199, 349, 349]);
  });
});

describe('serializeResult', () => {
  it('stores undefined as null', () => {
    expect(serializeResult('a', undefined, 10)).toBe('null');
  });

  it('refuses a result over the limit, counting UTF-8 bytes', () => {
    expect(serializeResult('a', 'é'.repeat(3), 8)).toBe('"ééé"');
    expect(() => serializeResult('a', 'é'.repeat(4), 8)).toThrow(
      new FlowStepResultTooLargeError('a', 10, 8, 'The result of step "a" is 10 bytes of JSON, over the limit of 8 (maxStepResultBytes): store large data elsewhere (a bucket, a table) and return its key.'),
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => serializeResult('a', { n: 1n }, 100)).toThrow(/The result of step "a" cannot be stored as JSON \(.*BigInt.*\): return plain data/);
  });
});

describe('matching', () => {
  it('reads dotted paths', () => {
    expect(valueAt({ a: { b: 3 } }, 'a.b')).toBe(3);
    expect(valueAt({ a: 1 }, 'a.b')).toBeUndefined();
    expect(matchOf('a.b', { a: { b: 't1' } })).toEqual({ field: 'a.b', value: '"t1"' });
    expect(matchOf(undefined, {})).toEqual({ field: '', value: '' });
  });
});

describe('toRunError', () => {
  it('stores the cause of a failed step, and the step', () => {
    const error = new FlowStepFailedError('s', 3, 'Step "s" failed after 3 attempts: boom', { cause: new TypeError('boom') });
    expect(toRunError(error)).toEqual({ name: 'TypeError', message: 'boom', step: 's' });
    expect(toRunError('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});
