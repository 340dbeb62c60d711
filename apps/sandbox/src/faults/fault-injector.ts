import { SandboxConfigurationError } from '../errors/sandbox-configuration.error.js';
import type { ServiceName } from '../http/route.js';
import type { FaultSpec } from '../interfaces/fault.interface.js';

interface PendingFault {
  readonly service: ServiceName;
  readonly spec: FaultSpec;
  remaining: number;
}

/** Scripted failures: the next N matching requests to a service fail the way a test asked. */
export class FaultInjector {
  private readonly queue: PendingFault[] = [];

  /** Queues a fault; faults for one service are used in the order they were injected. */
  inject(service: ServiceName, spec: FaultSpec): void {
    if (spec.status === undefined && !spec.hang && !spec.reset && !spec.delayMs) {
      throw new SandboxConfigurationError('A fault needs a status, hang: true, reset: true or a delayMs.');
    }
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) {
      throw new SandboxConfigurationError(`Fault status must be an HTTP status code, got ${spec.status}.`);
    }
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new SandboxConfigurationError(`Fault times must be a positive integer, got ${times}.`);
    }
    this.queue.push({ service, spec, remaining: times });
  }

  /** Faults not used yet (requests still to fail), for one service or all. */
  pending(service?: ServiceName): number {
    return this.queue.filter((f) => !service || f.service === service).reduce((sum, f) => sum + f.remaining, 0);
  }

  clear(service?: ServiceName): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (!service || this.queue[i]?.service === service) this.queue.splice(i, 1);
    }
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(service: ServiceName, method: string, path: string): FaultSpec | undefined {
    const index = this.queue.findIndex((f) => f.service === service && matches(f.spec, method, path));
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return fault.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  if (spec.path === undefined) return true;
  return typeof spec.path === 'string' ? path.includes(spec.path) : spec.path.test(path);
}
