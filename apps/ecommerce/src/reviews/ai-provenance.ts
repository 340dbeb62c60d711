import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { requestChannel, type AiRequestMessage } from '@aiwire/ai';

/**
 * Which provider and model answered an AI call. The task helpers (`sentiment`, `extract`) resolve
 * to the answer alone; `aiwire:ai:request` reports who served each call, published synchronously in
 * the caller's async context, so a store opened around the call collects exactly its own reports,
 * however many calls other runs make at the same time.
 */
@Injectable()
export class AiProvenance implements OnModuleInit, OnModuleDestroy {
  private readonly calls = new AsyncLocalStorage<string[]>();

  private readonly onRequest = (message: AiRequestMessage): void => {
    const sink = this.calls.getStore();
    if (sink === undefined || message.outcome !== 'success' || message.provider === undefined) return;
    const model = message.attributes['gen_ai.response.model'] ?? message.attributes['gen_ai.request.model'];
    // The embedded provider has one model: its name says it all (`local`).
    const served = message.attributes['gen_ai.provider.name'] === 'aiwire.local' ? message.provider : `${message.provider}:${model}`;
    if (!sink.includes(served)) sink.push(served);
  };

  onModuleInit(): void {
    requestChannel.subscribe(this.onRequest);
  }

  onModuleDestroy(): void {
    requestChannel.unsubscribe(this.onRequest);
  }

  /** `call`'s result, with who answered the AI calls it made (`local`, `openai:gpt-4o-mini-2024-07-18`, …), in order. */
  async answeredBy<T>(call: () => Promise<T>): Promise<{ value: T; servedBy: string[] }> {
    const servedBy: string[] = [];
    const value = await this.calls.run(servedBy, call);
    return { value, servedBy };
  }
}
