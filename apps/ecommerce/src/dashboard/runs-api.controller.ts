import { Controller, Get, Header, NotFoundException, Param, Query, ValidationPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { messages } from './dashboard.messages.js';
import { RunQueryDto } from './dto/run-query.dto.js';
import { EventDetailDto, RunDetailDto, RunListDto } from './dto/runs.dto.js';
import { RunsService } from './runs.service.js';

const queryPipe = new ValidationPipe({ transform: true, whitelist: true });

/** Flow runs and the webhook events behind them, linked both ways. */
@ApiTags('runs')
@Controller('api')
export class RunsApiController {
  constructor(private readonly runs: RunsService) {}

  @Get('runs')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Flow runs, newest first' })
  @ApiOkResponse({ type: RunListDto })
  @ApiBadRequestResponse({ description: 'An unknown status, or an offset or limit out of range.' })
  list(@Query(queryPipe) query: RunQueryDto): Promise<RunListDto> {
    return this.runs.list(query);
  }

  @Get('runs/:id')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A run: status, steps with timings, error, and the webhook events it consumed' })
  @ApiParam({ name: 'id', description: 'The run id (for a webhook-started run, the webhook event id).' })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiNotFoundResponse({ description: 'No run has this id.' })
  async get(@Param('id') id: string): Promise<RunDetailDto> {
    const run = await this.runs.get(id);
    if (!run) throw new NotFoundException(messages.runNotFound(id));
    return run;
  }

  @Get('events/:eventId')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A webhook event: what the intake answered to each delivery, and the runs it started' })
  @ApiParam({ name: 'eventId', description: 'The webhook event id (the de-duplication id of the delivery).' })
  @ApiOkResponse({ type: EventDetailDto })
  @ApiNotFoundResponse({ description: 'No delivery and no run has this event id.' })
  async event(@Param('eventId') eventId: string): Promise<EventDetailDto> {
    const event = await this.runs.event(eventId);
    if (!event) throw new NotFoundException(messages.eventNotFound(eventId));
    return event;
  }
}
