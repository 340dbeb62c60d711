import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RUN_STATUSES, RUNS_PAGE } from '../dashboard.constants.js';

/** An empty field (`?flow=&status=`, as a plain form sends it) means no filter. */
const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** `GET /api/runs?flow=&status=&offset=&limit=`. */
export class RunQueryDto {
  @ApiPropertyOptional({ description: 'Only runs of this flow.', example: 'review-analysis' })
  @EmptyAsAbsent() @IsOptional() @IsString() @MaxLength(200)
  flow?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES, description: 'Only runs in this status.' })
  @EmptyAsAbsent() @IsOptional() @IsIn(RUN_STATUSES)
  status?: (typeof RUN_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: RUNS_PAGE.max, default: RUNS_PAGE.default })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(RUNS_PAGE.max)
  limit: number = RUNS_PAGE.default;
}
