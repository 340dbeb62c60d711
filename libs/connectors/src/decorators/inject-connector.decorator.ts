import { Inject } from '@nestjs/common';

/**
 * The injection token of connector `name`, for custom providers and `moduleRef.get`.
 * @publicApi
 */
export function getConnectorToken(name: string): string {
  return `aiwire:connectors:connector:${name}`;
}

/**
 * Injects the connector configured under `name`: `@InjectConnector('slack') slack: SlackConnector`.
 * @publicApi
 */
export const InjectConnector = (name: string): PropertyDecorator & ParameterDecorator => Inject(getConnectorToken(name));
