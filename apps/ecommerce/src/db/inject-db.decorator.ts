import { Inject } from '@nestjs/common';
import { DATABASE } from './database.constants.js';

/** Injects the Drizzle `Database`: `constructor(@InjectDb() private readonly db: Database) {}`. */
export const InjectDb = (): PropertyDecorator & ParameterDecorator => Inject(DATABASE);
