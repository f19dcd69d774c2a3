import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { EventEnvelope } from '@ecom/contracts';

// Its table comes from createMessagingTables; migration generation leaves it alone.
@Entity({ name: 'outbox', synchronize: false })
export class OutboxEvent {
  @PrimaryColumn('uuid')
  id!: string;

  /** Insertion order: the relay publishes in this order, which keeps events of one aggregate in order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column('text')
  type!: string;

  @Column({ type: 'text', name: 'aggregate_id', nullable: true })
  aggregateId!: string | null;

  @Column('jsonb')
  envelope!: EventEnvelope;

  /** Message headers to publish with (trace context, request id). */
  @Column('jsonb')
  headers!: Record<string, string>;

  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}
