import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

import { ProblemDetailsDto } from './http/api-problems.decorator';

/** Swagger UI at /docs and the OpenAPI document at /docs-json: the full reference of the API. */
export function setupSwagger(app: INestApplication, version: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ecom API')
      .setDescription(
        'Wallet in F CFA, rides and marketplace. JSON is snake_case, amounts are integers in the minor unit ' +
          '(XOF has none), errors are RFC 9457 problem details with a stable `code`.',
      )
      .setVersion(version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
