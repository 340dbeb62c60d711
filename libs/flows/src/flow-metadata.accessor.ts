import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FLOW_METADATA } from './flows.constants.js';
import type { FlowMetadata } from './interfaces/flow-options.interface.js';

@Injectable()
export class FlowMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  getFlowMetadata(target: (...args: never[]) => unknown): FlowMetadata | undefined {
    return this.reflector.get<FlowMetadata | undefined>(FLOW_METADATA, target);
  }
}
