import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WEBHOOK_HANDLER_METADATA } from './webhook.constants.js';
import type { WebhookHandlerMetadata } from './interfaces/on-webhook-options.interface.js';

@Injectable()
export class WebhookMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getHandlerMetadata(target: (...args: never[]) => unknown): readonly WebhookHandlerMetadata[] | undefined {
    return this.reflector.get<WebhookHandlerMetadata[] | undefined>(WEBHOOK_HANDLER_METADATA, target);
  }
}
