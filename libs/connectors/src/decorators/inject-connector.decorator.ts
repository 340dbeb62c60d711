import { Inject } from '@nestjs/common';

/** The injection token of connector `name`, for custom providers and `moduleRef.get`. */
export function getConnectorToken(name: string): string {
  return `aiwire:connectors:connector:${name}`;
}

/** Injects the connector configured under `name`: `@InjectConnector('slack') slack: SlackConnector`. */
export const InjectConnector = (name: string): PropertyDecorator & ParameterDecorator => Inject(getConnectorToken(name));
