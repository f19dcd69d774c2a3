import { Column, Entity, PrimaryColumn } from 'typeorm';

// Its table comes from createMessagingTables; migration generation leaves it alone.
@Entity({ name: 'inbox', synchronize: false })
export class InboxEntry {
  @PrimaryColumn({ type: 'uuid', name: 'event_id' })
  eventId!: string;

  @PrimaryColumn('text')
  consumer!: string;

  @Column({ type: 'text', name: 'event_type' })
  eventType!: string;

  @Column({ type: 'timestamptz', name: 'processed_at', insert: false, update: false })
  processedAt!: Date;
}
