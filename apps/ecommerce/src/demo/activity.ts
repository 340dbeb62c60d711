import { intakeChannel, executionChannel, type WebhookIntakeMessage, type WebhookExecutionMessage } from '@aiwire/webhooks';
import { requestChannel, type AiRequestMessage } from '@aiwire/ai';
import { callChannel, type HttpCallMessage } from '@aiwire/connectors';

/**
 * What the demo saw through the libraries' diagnostics channels — the same events a monitoring
 * subscriber (metrics, traces) would get, without any of the libraries knowing about it.
 */
export class Activity {
  readonly intake = new Map<string, number>();
  readonly executions = new Map<string, number>();
  readonly ai = new Map<string, number>();
  readonly http = new Map<string, number>();

  private readonly onIntake = (m: WebhookIntakeMessage) => bump(this.intake, `${m.source} ${m.status} ${m.outcome}`);
  private readonly onExecution = (m: WebhookExecutionMessage) => bump(this.executions, `${m.handler} ${m.outcome}`);
  private readonly onAi = (m: AiRequestMessage) => bump(this.ai, `${m.provider ?? 'none'}${m.cached ? ' (cached)' : ''} ${m.outcome}`);
  private readonly onHttp = (m: HttpCallMessage) => bump(this.http, `${m.attributes['aiwire.connector.name']} ${m.outcome}`);

  start(): this {
    intakeChannel.subscribe(this.onIntake);
    executionChannel.subscribe(this.onExecution);
    requestChannel.subscribe(this.onAi);
    callChannel.subscribe(this.onHttp);
    return this;
  }

  stop(): void {
    intakeChannel.unsubscribe(this.onIntake);
    executionChannel.unsubscribe(this.onExecution);
    requestChannel.unsubscribe(this.onAi);
    callChannel.unsubscribe(this.onHttp);
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
