import { fallbackChannel } from '../ai.channels.js';
import { AiUnavailableError } from '../errors/ai-unavailable.error.js';
import type { ChatResult, ProviderFailure } from '../interfaces/chat.interface.js';
import type { BudgetHold } from '../usage/ai-budget.js';
import { AttemptRunner, ProviderGaveUp } from './attempt-runner.js';
import type { PreparedRequest } from './prepared-request.js';
import type { ProviderEntry, ProviderRegistry } from './provider-registry.js';
import type { SpendGuard } from './spend-guard.js';

/** Runs a prepared request down its provider chain and builds the result (usage, cost, fallbacks). */
export class AiExecutor {
  constructor(
    readonly registry: ProviderRegistry,
    private readonly runner: AttemptRunner,
    private readonly spend: SpendGuard,
  ) {}

  /** `deadlineAt` (epoch ms) is the caller's: time spent before, e.g. waiting for the cache, counts. */
  async execute<T>(request: PreparedRequest, deadlineAt = Date.now() + request.deadlineMs): Promise<ChatResult<T>> {
    const started = Date.now();
    const first = request.provider ?? this.registry.defaultProvider;
    const { entries, skipped } = this.registry.chain(request.provider, request.fallback);
    const failures: ProviderFailure[] = [...skipped];
    let attempts = 0;
    let last: unknown;
    for (const [index, entry] of entries.entries()) {
      const model = entry.provider.name === first && request.model ? request.model : entry.provider.defaultModel;
      let hold: BudgetHold | undefined;
      let costUsd = 0;
      try {
        hold = await this.spend.hold(entry, request, model);
        const served = await this.runner.run(entry, request, model, deadlineAt);
        attempts += served.attempts;
        costUsd = this.spend.cost(entry, served.reply.model, served.reply.usage);
        return {
          text: served.reply.text,
          ...(request.output && { json: served.value as T }),
          provider: entry.provider.name,
          model: served.reply.model,
          usage: { inputTokens: served.reply.usage.inputTokens, outputTokens: served.reply.usage.outputTokens },
          costUsd,
          cached: false,
          latencyMs: Date.now() - started,
          attempts,
          finishReason: served.reply.finishReason,
          fallbacks: failures,
          ...(served.reply.responseId !== undefined && { responseId: served.reply.responseId }),
        };
      } catch (error) {
        if (!(error instanceof ProviderGaveUp)) throw error;
        last = error.error;
        attempts += error.attempts;
        const failure = this.failure(entry, error);
        failures.push(failure);
        if (fallbackChannel.hasSubscribers) fallbackChannel.publish({ from: failure.provider, to: entries[index + 1]?.provider.name, reason: failure.reason, message: failure.message });
      } finally {
        await this.spend.settle(hold, costUsd);
      }
    }
    throw new AiUnavailableError(failures, { cause: last });
  }

  private failure(entry: ProviderEntry, gaveUp: ProviderGaveUp): ProviderFailure {
    return {
      provider: entry.provider.name,
      reason: gaveUp.verdict.reason,
      message: gaveUp.message,
      attempts: gaveUp.attempts,
      ...(gaveUp.verdict.status !== undefined && { status: gaveUp.verdict.status }),
    };
  }
}
