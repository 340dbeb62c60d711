import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { InsightsStore } from './insights.store.js';

/** Read-only view of what the workflows concluded. */
@Controller()
export class InsightsController {
  constructor(private readonly insights: InsightsStore) {}

  @Get('insights')
  async all(): Promise<Record<string, unknown>> {
    const kinds = ['recommendations', 'reviews', 'fraud', 'payments', 'tickets'] as const;
    return Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await this.insights.list(k)] as const)));
  }

  @Get('recommendations/:customerId')
  async recommendations(@Param('customerId', ParseIntPipe) customerId: number): Promise<unknown> {
    const found = await this.insights.get('recommendations', String(customerId));
    if (!found) throw new NotFoundException(`No recommendations for customer ${customerId} yet; they appear after a product.viewed event.`);
    return found;
  }
}
