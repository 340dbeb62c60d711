import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { createChannel, type ChannelListener, type RedisClient } from '@aiwire/core';
import { MONITORING_OPTIONS, MONITORING_REDIS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { discoverSecrets } from '../logs/discovered-secrets.js';
import { SecretCensor } from '../logs/secret-censor.js';
import { redactFields } from '../logs/sensitive-fields.js';
import { TAIL_CHANNELS, TAIL_DEFAULTS, tailChannel } from './tail.constants.js';
import { tailMessages } from './tail.messages.js';
import { countSubscribers } from './tail-subscribers.js';

/**
 * Publishes what the diagnostics channels carry to `<keyPrefix>:tail` while someone tails
 * (`aiwire tail`), so one terminal sees every process. Each process asks Redis every second whether
 * the channel has subscribers; while it has none this process is subscribed to no diagnostics
 * channel and publishes nothing, so the publishers skip building their messages too.
 * Lines carry credential-named fields redacted and the app's known secrets censored.
 */
@Injectable()
export class TailPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TailPublisher.name);
  private readonly censor = new SecretCensor();
  private readonly channel: string;
  private readonly listeners = new Map<string, ChannelListener<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private failures = 0;

  constructor(
    @Inject(MONITORING_OPTIONS) options: ResolvedMonitoringOptions,
    @Inject(MONITORING_REDIS) private readonly redis: RedisClient | undefined,
    private readonly discovery: DiscoveryService,
  ) {
    this.channel = tailChannel(options.keyPrefix);
  }

  /** Whether lines are being published (someone tails). */
  get publishing(): boolean {
    return this.listeners.size > 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.redis) return;
    const found = await discoverSecrets(this.discovery, (error) => this.logger.warn(tailMessages.discoveryFailed(error instanceof Error ? error.name : String(error))));
    this.censor.add(found.values);
    this.timer = setInterval(() => void this.poll(), TAIL_DEFAULTS.pollMs);
    this.timer.unref();
    await this.poll();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.stop();
  }

  /** One question to Redis; while it cannot answer nobody receives lines, so publishing stops. */
  private async poll(): Promise<void> {
    if (this.polling || !this.redis) return;
    this.polling = true;
    try {
      if ((await countSubscribers(this.redis, this.channel)) > 0) this.start();
      else this.stop();
    } catch {
      this.stop();
    } finally {
      this.polling = false;
    }
  }

  private start(): void {
    if (this.publishing) return;
    for (const name of TAIL_CHANNELS) {
      const listener: ChannelListener<unknown> = (message) => this.publish(name, message);
      this.listeners.set(name, listener);
      createChannel<unknown>(name).subscribe(listener);
    }
  }

  private stop(): void {
    for (const [name, listener] of this.listeners) createChannel<unknown>(name).unsubscribe(listener);
    this.listeners.clear();
  }

  private publish(name: string, message: unknown): void {
    const redis = this.redis;
    if (!redis) return;
    let line: string;
    try {
      line = this.censor.scrub(JSON.stringify({ channel: name, at: new Date().toISOString(), message: redactFields(message) }));
    } catch {
      return; // a message JSON cannot hold (a BigInt, a cycle) is not worth a tail line
    }
    redis.publish(this.channel, line).then(
      () => {
        this.failures = 0;
      },
      (error: unknown) => {
        if (++this.failures === TAIL_DEFAULTS.warnAfterFailures) this.logger.warn(tailMessages.publishFailing(error instanceof Error ? error.message : String(error)));
      },
    );
  }
}
