import { Injectable } from '@nestjs/common';
import type {
  AdminListMessagesRequest,
  AdminMessagePage,
  InAppNotificationPage,
  InAppNotificationView,
  NotificationPageRequest,
  UnreadCountView,
} from '@ecom/contracts';
import { decodeCursor, DomainError, pageOf } from '@ecom/platform';
import { DataSource } from 'typeorm';

import { NotificationConfig } from '../config';
import { toAdminView, toInAppView } from '../messages/message-views';
import { MessagesRepository, type MessageRow } from '../messages/messages.repository';

const DEFAULT_PAGE = 20;

/** The caller's in-app inbox and the admins' view of every message. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messages: MessagesRepository,
    private readonly config: NotificationConfig,
  ) {}

  async list(userId: string, request: NotificationPageRequest): Promise<InAppNotificationPage> {
    const { rows, next } = await this.page({ userId, channel: 'in_app' }, request);

    return { items: rows.map(toInAppView), next_cursor: next };
  }

  async markRead(userId: string, id: string): Promise<InAppNotificationView> {
    const row = await this.messages.markRead(this.dataSource.manager, userId, id);
    // Someone else's message answers like a missing one: ids of other users' notes are not revealed.
    if (!row) throw new DomainError('NOT_FOUND', 'No such notification');

    return toInAppView(row);
  }

  async unreadCount(userId: string): Promise<UnreadCountView> {
    return { unread: await this.messages.unreadCount(this.dataSource.manager, userId) };
  }

  async listAll(request: AdminListMessagesRequest): Promise<AdminMessagePage> {
    const { rows, next } = await this.page({ channel: request.channel, status: request.status }, request);

    return { items: rows.map((row) => toAdminView(row, this.config.isProduction)), next_cursor: next };
  }

  private async page(
    filter: Parameters<MessagesRepository['page']>[1],
    request: NotificationPageRequest,
  ): Promise<{ rows: MessageRow[]; next: string | null }> {
    const limit = request.limit ?? DEFAULT_PAGE;
    const after = request.cursor ? decodeCursor(request.cursor) : null;
    const rows = await this.messages.page(this.dataSource.manager, filter, after, limit);

    return pageOf(rows, limit, (row) => row.created_at);
  }
}
