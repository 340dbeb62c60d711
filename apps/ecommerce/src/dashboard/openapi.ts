import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** `/docs`: the OpenAPI description of the shop's own routes (the JSON at `/docs-json`). */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('aiwire shop')
    .setDescription('The e-commerce case study of aiwire: recommendations, review summaries, orders, payments, tickets, flow runs and the dashboard figures.')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config));
}
