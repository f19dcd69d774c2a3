import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_NAMES, type ServiceName } from '@ecom/contracts';

export class ServiceStatusDto {
  @ApiProperty({ enum: ['gateway', ...SERVICE_NAMES] })
  name!: 'gateway' | ServiceName;

  @ApiProperty({ example: '0.1.0', nullable: true })
  version!: string | null;

  @ApiProperty()
  ready!: boolean;

  @ApiProperty({ nullable: true, description: 'Last migration applied to the service schema' })
  schema_version!: string | null;

  @ApiProperty({ required: false, description: 'Stable error code when the service did not answer' })
  error?: string;
}

export class PlatformStatusDto {
  @ApiProperty({ description: 'True when every app is ready' })
  ready!: boolean;

  @ApiProperty({ type: [ServiceStatusDto] })
  apps!: ServiceStatusDto[];
}
