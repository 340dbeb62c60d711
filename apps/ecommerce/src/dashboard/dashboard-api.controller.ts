import { Controller, Get, Header, Sse, type MessageEvent } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { DashboardFigures } from './dashboard-figures.service.js';
import { DashboardFiguresDto } from './dto/dashboard-figures.dto.js';

/** The dashboard's figures as JSON, once or as a live stream. */
@ApiTags('dashboard')
@Controller('api/dashboard')
export class DashboardApiController {
  constructor(private readonly figures: DashboardFigures) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Everything the dashboard shows, read now' })
  @ApiOkResponse({ type: DashboardFiguresDto })
  read(): Promise<DashboardFiguresDto> {
    return this.figures.read();
  }

  @Sse('stream')
  @ApiOperation({
    summary: 'The dashboard figures, live (server-sent events)',
    description: 'One `data:` line of DashboardFigures JSON at connect, then one every second, until the client closes the connection.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ type: DashboardFiguresDto, description: 'A `text/event-stream`; each event\'s data is this object.' })
  stream(): Observable<MessageEvent> {
    return this.figures.stream().pipe(map((data) => ({ data })));
  }
}
