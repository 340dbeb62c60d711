import { BadRequestException, Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RecommendationsRepository } from './recommendations.repository.js';
import { CustomerRecommendationsDto } from './recommendations.dto.js';

const shopifyId = new ParseIntPipe({ exceptionFactory: () => new BadRequestException('shopifyCustomerId must be a Shopify customer id (digits only).') });

@ApiTags('recommendations')
@Controller('customers')
export class RecommendationsController {
  constructor(private readonly repository: RecommendationsRepository) {}

  @Get(':shopifyCustomerId/recommendations')
  @ApiOperation({ summary: "A customer's current recommendations, computed on their last product view" })
  @ApiParam({ name: 'shopifyCustomerId', description: 'Shopify customer id', example: 7390384554201 })
  @ApiOkResponse({ type: CustomerRecommendationsDto })
  @ApiBadRequestResponse({ description: 'The id is not a number.' })
  @ApiNotFoundResponse({ description: 'The shop has no customer with this Shopify id.' })
  async recommendations(@Param('shopifyCustomerId', shopifyId) id: number): Promise<CustomerRecommendationsDto> {
    const found = await this.repository.of(id);
    if (!found) {
      throw new NotFoundException(`No customer with Shopify id ${id}: recommendations are computed when the storefront reports a product view (product.viewed) by that customer.`);
    }
    return { ...found, items: [...found.items] };
  }
}
