import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_STATUSES } from '../dashboard.constants.js';

export class RunErrorDto {
  @ApiPropertyOptional({ example: 'FlowStepFailedError' }) name?: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ description: 'The step that failed, if a step did.' }) step?: string;
}

/** A flow run as the `flow_runs` table records it. */
export class RunSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'review-analysis' }) flow!: string;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: '`webhook`, `cron`, `event` or `start`.' }) trigger!: string | null;
  @ApiProperty({ type: RunErrorDto, nullable: true }) error!: RunErrorDto | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ description: 'From start to finish, or to now for a run still going.' }) durationMs!: number;
}

export class RunListDto {
  @ApiProperty({ description: 'Runs matching the filter, over every page.' }) total!: number;
  @ApiProperty({ type: [RunSummaryDto], description: 'Newest first.' }) runs!: RunSummaryDto[];
}

export class RunStepDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['step', 'sleep', 'wait'] }) kind!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed', 'retrying', 'sleeping', 'waiting'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional() durationMs?: number;
  @ApiPropertyOptional({ type: RunErrorDto }) error?: RunErrorDto;
}

/** A webhook event a run consumed, with what the intake answered to each of its deliveries. */
export class RunEventDto {
  @ApiProperty() eventId!: string;
  @ApiProperty() source!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ description: 'Deliveries of this event the intake answered (the first, then duplicates).' }) deliveries!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The first delivery.' }) receivedAt!: string | null;
}

export class RunDetailDto extends RunSummaryDto {
  @ApiProperty({ description: 'False once the run\'s steps have expired from Redis (the flows retention): the row is all that is left.' }) stepsAvailable!: boolean;
  @ApiProperty({ type: [RunStepDto], description: 'In the order first reached.' }) steps!: RunStepDto[];
  @ApiProperty({ type: [RunEventDto] }) events!: RunEventDto[];
  @ApiProperty({ example: '/admin/flows/runs/evt_123', description: 'The monitoring admin\'s view of the run (graph, replay).' }) adminUrl!: string;
}

/** One delivery the intake answered. */
export class DeliveryDto {
  @ApiProperty() source!: string;
  @ApiProperty({ type: String, nullable: true }) type!: string | null;
  @ApiProperty({ example: 'accepted' }) outcome!: string;
  @ApiProperty({ example: 202, description: 'The HTTP status answered.' }) status!: number;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class EventDetailDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ type: [DeliveryDto], description: 'Oldest first.' }) deliveries!: DeliveryDto[];
  @ApiProperty({ type: [RunSummaryDto], description: 'Flow runs this event started or resumed.' }) runs!: RunSummaryDto[];
}
