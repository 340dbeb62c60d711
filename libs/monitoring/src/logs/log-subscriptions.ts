import { createChannel, type ChannelListener } from '@aiwire/core';
import type { Logger } from 'pino';
import type { WebhookExecutionMessage } from '@aiwire/webhooks';
import type { AiFallbackMessage, AiRequestMessage } from '@aiwire/ai';
import type { HttpCallMessage, HttpCircuitMessage, HttpTokenMessage } from '@aiwire/connectors';
import { ExecutionLines, IntakeLines, type IntakeLogMessage } from './webhook-log-lines.js';
import { logAiFallback, logAiRequest } from './ai-log-lines.js';
import { logHttpCall, logHttpCircuit, logHttpToken } from './http-log-lines.js';

/**
 * Subscribes the line writers to the channels they read, by name (the libs publishing them are
 * optional); returns what unsubscribes them. A listener that throws never reaches the publisher
 * (`createChannel` wraps it).
 */
export function subscribeLogs(logger: Logger): () => void {
  const intake = new IntakeLines(logger);
  const executions = new ExecutionLines(logger);
  const off = [
    on<IntakeLogMessage>('aiwire:webhook:intake', (m) => intake.write(m)),
    on<WebhookExecutionMessage>('aiwire:webhook:execution', (m) => executions.write(m)),
    on<AiRequestMessage>('aiwire:ai:request', (m) => logAiRequest(logger, m)),
    on<AiFallbackMessage>('aiwire:ai:fallback', (m) => logAiFallback(logger, m)),
    on<HttpCallMessage>('aiwire:http:call', (m) => logHttpCall(logger, m)),
    on<HttpTokenMessage>('aiwire:http:token', (m) => logHttpToken(logger, m)),
    on<HttpCircuitMessage>('aiwire:http:circuit', (m) => logHttpCircuit(logger, m)),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}

function on<T>(name: string, listener: ChannelListener<T>): () => void {
  const channel = createChannel<T>(name);
  channel.subscribe(listener);
  return () => channel.unsubscribe(listener);
}
