import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WebhookEvent, WebhookHandlers } from '@aiwire/webhooks';
import { FlowRegistry } from '../flows.registry.js';
import { FlowsExplorer } from '../flows.explorer.js';
import { FlowsService } from '../flows.service.js';
import { FlowConfigurationError } from '../errors/flow-configuration.error.js';
import { webhookTriggers, type WebhookTriggerOf } from './flow-triggers.js';
import { triggerMessages as messages } from './triggers.messages.js';

/**
 * Webhook triggers, as handlers of @aiwire/webhooks (an optional peer, found at startup): per named
 * source one handler `flows:<source>` that starts the flows the event's type triggers and emits
 * the event (so `waitForEvent` and `cancelOn` see that source's webhooks); per flow whose trigger
 * names no source one handler `flows:<flow>` that starts it. Registered in every process, as
 * `@OnWebhook` handlers are: the receiving process decides which handlers an event runs.
 */
@Injectable()
export class WebhookTriggers implements OnModuleInit {
  private triggers: readonly WebhookTriggerOf[] = [];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly registry: FlowRegistry,
    private readonly flows: FlowsService,
    // Injected so that its onModuleInit, which fills the registry, runs before this one (Nest calls hooks by dependency depth).
    _explorer: FlowsExplorer,
  ) {}

  async onModuleInit(): Promise<void> {
    this.triggers = webhookTriggers(this.registry.all());
    const first = this.triggers[0];
    if (first === undefined) return;
    const handlers = await this.locate(first.flow);
    const sources = new Set(this.triggers.flatMap((t) => (t.source === undefined ? [] : [t.source])));
    const unsourced = new Map<string, WebhookTriggerOf[]>();
    for (const t of this.triggers) if (t.source === undefined) unsourced.set(t.flow, [...(unsourced.get(t.flow) ?? []), t]);
    try {
      for (const source of sources) handlers.register(`flows:${source}`, [{ type: '*', options: { source } }], (event) => this.onSourceEvent(event));
      for (const [flow, triggers] of unsourced) {
        handlers.register(`flows:${flow}`, triggers.map((t) => ({ type: t.type })), (event) => this.start(event, (t) => t.flow === flow));
      }
    } catch (error) {
      throw new FlowConfigurationError(messages.webhookSourceRefused(first.flow, error instanceof Error ? error.message : String(error)));
    }
  }

  /** Every webhook of a source that a trigger names: start what it triggers there, then emit it. */
  private async onSourceEvent(event: WebhookEvent): Promise<void> {
    await this.start(event, (t) => t.source === event.source);
    // The id makes a retried handler or a duplicate delivery emit nothing twice.
    await this.flows.emit(event.type, event.payload, { id: `${event.source}:${event.id}` });
  }

  /**
   * Starts the flows that `event` triggers among those `mine` selects. The run id is the event id
   * when one flow in the app matches the event, `<eventId>:<flow>` for each when several do (the
   * count is over every handler's flows, so two handlers never take the same id); an id that
   * exists starts nothing, so redeliveries and retries start no second run.
   */
  private async start(event: WebhookEvent, mine: (t: WebhookTriggerOf) => boolean): Promise<void> {
    const matching = [...new Set(this.triggers.filter((t) => t.matches(event.source, event.type)).map((t) => t.flow))];
    const own = new Set(this.triggers.filter((t) => mine(t) && t.matches(event.source, event.type)).map((t) => t.flow));
    const trigger = { kind: 'webhook', eventId: event.id, source: event.source, type: event.type } as const;
    for (const flow of matching) {
      if (!own.has(flow)) continue;
      const id = matching.length === 1 ? event.id : `${event.id}:${flow}`;
      await this.flows.startTriggered(flow, event.payload, { id, trigger });
    }
  }

  private async locate(flow: string): Promise<WebhookHandlers> {
    let webhooks: typeof import('@aiwire/webhooks');
    try {
      webhooks = await import('@aiwire/webhooks');
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new FlowConfigurationError(messages.webhooksNotInstalled(flow));
      throw new FlowConfigurationError(messages.webhooksNotLoaded(flow, error instanceof Error ? error.message : String(error)));
    }
    try {
      return this.moduleRef.get(webhooks.WebhookHandlers, { strict: false });
    } catch {
      throw new FlowConfigurationError(messages.webhookModuleMissing(flow));
    }
  }
}
