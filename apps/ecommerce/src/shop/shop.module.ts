import { Global, Module, type DynamicModule } from '@nestjs/common';
import { SHOP_CONFIG, type ShopConfig } from '../shop.config.js';
import { ShopRepository } from './shop.repository.js';
import { CrmService } from '../crm/crm.service.js';
import { ActivityRecorder } from '../runs/activity.recorder.js';
import { HelpdeskSubscription } from '../integrations/helpdesk-subscription.js';

/** What every flow module shares: the config, the customer/product/order rows, the CRM, the activity rows. */
@Global()
@Module({})
export class ShopModule {
  static register(config: ShopConfig): DynamicModule {
    return {
      module: ShopModule,
      providers: [{ provide: SHOP_CONFIG, useValue: config }, ShopRepository, CrmService, ActivityRecorder, HelpdeskSubscription],
      exports: [SHOP_CONFIG, ShopRepository, CrmService, ActivityRecorder],
    };
  }
}
