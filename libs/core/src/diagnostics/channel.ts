import diagnosticsChannel from 'node:diagnostics_channel';

/**
 * A subscriber of a {@link TypedChannel}.
 * @publicApi
 */
export type ChannelListener<T> = (message: T, name: string) => void;

/**
 * A `node:diagnostics_channel` channel whose messages have type `T`.
 * @publicApi
 */
export interface TypedChannel<T> {
  /** The channel name, e.g. `aiwire:http:request`. */
  readonly name: string;
  /** True when someone listens; check it before building an expensive message. */
  readonly hasSubscribers: boolean;
  /** Deliver `message` to the subscribers synchronously; does nothing when there are none. */
  publish(message: T): void;
  /** Listen; a listener that throws is reported once as a process warning and never reaches the publisher. */
  subscribe(listener: ChannelListener<T>): void;
  /** Stop listening; resolves to whether `listener` was subscribed. */
  unsubscribe(listener: ChannelListener<T>): boolean;
}

// One wrapper per name, so every part of the process subscribes and unsubscribes through the same map.
const channels = new Map<string, TypedChannel<unknown>>();

/**
 * A typed wrapper over `diagnostics_channel.channel(name)`; the same name gives the same wrapper.
 * @publicApi
 */
export function createChannel<T>(name: string): TypedChannel<T> {
  let typed = channels.get(name) as TypedChannel<T> | undefined;
  if (typed === undefined) {
    typed = wrap<T>(name);
    channels.set(name, typed as TypedChannel<unknown>);
  }
  return typed;
}

function wrap<T>(name: string): TypedChannel<T> {
  const channel = diagnosticsChannel.channel(name);
  // Node rethrows a listener's error on the next tick (an uncaught exception), so each listener
  // is wrapped; the map lets unsubscribe find the wrapper.
  const wrappers = new Map<ChannelListener<T>, (message: unknown, name: string | symbol) => void>();

  return {
    name,
    get hasSubscribers() {
      return channel.hasSubscribers;
    },
    publish(message: T) {
      if (channel.hasSubscribers) channel.publish(message);
    },
    subscribe(listener: ChannelListener<T>) {
      if (wrappers.has(listener)) return;
      let warned = false;
      const wrapper = (message: unknown): void => {
        try {
          listener(message as T, name);
        } catch (error) {
          if (warned) return;
          warned = true;
          process.emitWarning(`A subscriber of diagnostics channel "${name}" threw: ${describe(error)}`, {
            code: 'AIWIRE_CHANNEL_SUBSCRIBER_ERROR',
          });
        }
      };
      wrappers.set(listener, wrapper);
      diagnosticsChannel.subscribe(name, wrapper);
    },
    unsubscribe(listener: ChannelListener<T>) {
      const wrapper = wrappers.get(listener);
      if (wrapper === undefined) return false;
      wrappers.delete(listener);
      return diagnosticsChannel.unsubscribe(name, wrapper);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
