import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_CATALOG, type ErrorCode } from '@ecom/contracts';

class FieldErrorDto {
  @ApiProperty({ example: 'amount' })
  field!: string;

  @ApiProperty({ example: 'amount must be a positive number' })
  message!: string;
}

/** The error body of every route (RFC 9457). */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://docs.ecom.tg/problems/validation-failed' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'amount: amount must be a positive number' })
  detail!: string;

  @ApiProperty({ enum: Object.keys(ERROR_CATALOG), example: 'VALIDATION_FAILED' })
  code!: ErrorCode;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiProperty({ example: '5b0f1c8e-4c43-4a0e-9d0c-2a3f2f7b9f10' })
  request_id!: string;

  @ApiPropertyOptional({ example: '/api/v1/wallet/transfer' })
  instance?: string;
}

/** Documents the error answers of a route, each a problem details document, with the codes behind them. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  const codesByStatus = (status: number): string =>
    (Object.keys(ERROR_CATALOG) as ErrorCode[])
      .filter((code) => ERROR_CATALOG[code].status === status)
      .join(', ');

  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: `Problem details; code: ${codesByStatus(status)}`,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
