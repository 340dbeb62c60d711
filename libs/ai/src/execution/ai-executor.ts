import { Logger } from '@nestjs/common';
import { fallbackChannel } from '../ai.channels.js';
import { messages } from '../ai.messages.js';
import { AiUnavailableError } from '../errors/ai-unavailable.error.js';
import type { ChatResult, ProviderFailure } from '../interfaces/chat.interface.js';
import type { AiBudget } from '../usage/ai-budget.js';
import type { PriceTable } from '../usage/price-table.js';
import { AttemptRunner, ProviderGaveUp } from './attempt-runner.js';
import type { PreparedRequest } from './prepared-request.js';
import type { ProviderEntry, ProviderRegistry } from './provider-registry.js';

/** Runs a prepared request down its provider chain and builds the result (usage, cost, fallbacks). */
export class AiExecutor {
  private readonly logger = new Logger('AiService');
  private readonly unpriced = new Set<string>();

  constructor(
    readonly registry: ProviderRegistry,
    private readonly runner: AttemptRunner,
    private readonly prices: PriceTable,
    private readonly budget: AiBudget,
  ) {}

  async execute<T>(request: PreparedRequest): Promise<ChatResult<T>> {
    const started = Date.now();
    const deadlineAt = started + request.deadlineMs;
    const first = request.provider ?? this.registry.defaultProvider;
    const { entries, skipped } = this.registry.chain(request.provider, request.fallback);
    const failures: ProviderFailure[] = [...skipped];
    let attempts = 0;
    let last: unknown;
    for (const [index, entry] of entries.entries()) {
      const model = entry.provider.name === first && request.model ? request.model : entry.provider.defaultModel;
      try {
        const served = await this.runner.run(entry, request, model, deadlineAt);
        attempts += served.attempts;
        const costUsd = await this.account(entry, served.reply.model, served.reply.usage);
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

  private async account(entry: ProviderEntry, model: string, usage: { inputTokens: number; outputTokens: number }): Promise<number> {
    if (entry.provider.kind === 'local') return 0;
    const cost = this.prices.cost(model, usage);
    if (cost === undefined && !this.unpriced.has(model)) {
      this.unpriced.add(model);
      this.logger.warn(messages.noPrice(model));
    }
    try {
      await this.budget.record(entry.provider.name, cost ?? 0);
    } catch (error) {
      this.logger.warn(messages.redisFailed('budget accounting', error instanceof Error ? error.message : String(error)));
    }
    return cost ?? 0;
  }
}
