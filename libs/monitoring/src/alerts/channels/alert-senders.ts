import type { ModuleRef } from '@nestjs/core';
import type { ConnectorRegistry, SlackConnector } from '@aiwire/connectors';
import { MonitoringConfigurationError } from '../../errors/monitoring-configuration.error.js';
import type { MonitoringAlertChannel } from '../../interfaces/monitoring-module-options.interface.js';
import { alertMessages as messages } from '../alerts.messages.js';
import type { AlertSender } from './alert-sender.js';
import { SlackAlertSender } from './slack-alert.sender.js';
import { WebhookAlertSender } from './webhook-alert.sender.js';

/**
 * The sender of `channel`. A Slack channel needs @aiwire/connectors (an optional peer, loaded only
 * then) and a `kind: 'slack'` connector of the app's ConnectorsModule; without them the app does
 * not start, and the error says what to add.
 */
export async function createAlertSender(channel: MonitoringAlertChannel, moduleRef: ModuleRef): Promise<AlertSender> {
  if (channel.kind === 'webhook') return new WebhookAlertSender(channel);
  const registry = await connectorRegistry(channel.connector, moduleRef);
  if (!registry.has(channel.connector)) throw new MonitoringConfigurationError(messages.unknownConnector(channel.connector, registry.names()));
  const connector = registry.get(channel.connector);
  if (connector.kind !== 'slack') throw new MonitoringConfigurationError(messages.notSlack(channel.connector, connector.kind));
  return new SlackAlertSender(connector as SlackConnector, channel.channel);
}

async function connectorRegistry(connector: string, moduleRef: ModuleRef): Promise<ConnectorRegistry> {
  let registryClass: typeof ConnectorRegistry;
  try {
    ({ ConnectorRegistry: registryClass } = await import('@aiwire/connectors'));
  } catch {
    throw new MonitoringConfigurationError(messages.noConnectorsPackage(connector));
  }
  try {
    return moduleRef.get(registryClass, { strict: false });
  } catch {
    throw new MonitoringConfigurationError(messages.noConnectorsModule(connector));
  }
}
