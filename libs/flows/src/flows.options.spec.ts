import { RedisConfigurationError } from '@aiwire/core';
import { resolveFlowsOptions } from './flows.options.js';
import { FlowConfigurationError } from './errors/flow-configuration.error.js';

const redis = { url: 'redis://127.0.0.1:6379' };
const cluster = { cluster: { nodes: ['redis://127.0.0.1:7000'] } };

describe('resolveFlowsOptions', () => {
  it('applies every default', () => {
    expect(resolveFlowsOptions({ redis })).toEqual({
      redis,
      workers: true,
      concurrency: 10,
      attempts: 3,
      backoff: { delayMs: 1_000, maxDelayMs: 600_000 },
      keyPrefix: 'aiwire:flows',
      maxStepResultBytes: 524_288,
      retentionSeconds: 604_800,
      queue: { prefix: 'aiwire', lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 5 },
    });
  });

  it('keeps what the user set', () => {
    const resolved = resolveFlowsOptions({ redis, workers: false, attempts: 5, backoff: { delayMs: 5 }, keyPrefix: 'app:flows', queue: { prefix: 'app' } });
    expect(resolved).toMatchObject({ workers: false, attempts: 5, backoff: { delayMs: 5, maxDelayMs: 600_000 }, keyPrefix: 'app:flows', queue: { prefix: 'app' } });
  });

  it('hash-tags the queue prefix on a cluster, and leaves the key prefix alone (run keys carry {runId})', () => {
    const resolved = resolveFlowsOptions({ redis: cluster });
    expect(resolved.queue.prefix).toBe('{aiwire}');
    expect(resolved.keyPrefix).toBe('aiwire:flows');
  });

  it('refuses a queue prefix without a hash tag on a cluster', () => {
    expect(() => resolveFlowsOptions({ redis: cluster, queue: { prefix: 'app' } })).toThrow(RedisConfigurationError);
  });

  it.each([
    [{ concurrency: 0 }, 'FlowsModule option concurrency is 0; it must be a whole number >= 1.'],
    [{ attempts: 1.5 }, 'FlowsModule option attempts is 1.5; it must be a whole number >= 1.'],
    [{ backoff: { delayMs: -1 } }, 'FlowsModule option backoff.delayMs is -1; it must be a whole number >= 0.'],
    [{ retentionSeconds: 0 }, 'FlowsModule option retentionSeconds is 0; it must be a whole number >= 1.'],
    [{ keyPrefix: '' }, 'FlowsModule option keyPrefix is ""; it must be a non-empty string.'],
  ])('refuses %j', (bad, message) => {
    expect(() => resolveFlowsOptions({ redis, ...bad })).toThrow(new FlowConfigurationError(message));
  });
});
