/**
 * Request-reply subjects of the notification service. Inbox handlers act on the verified caller the
 * gateway passes in the headers, never on a user id in the payload.
 */
export const NOTIFICATION_SUBJECTS = {
  listInbox: 'notification.inbox.list',
  markRead: 'notification.inbox.read',
  listMessages: 'notification.messages.list',
  unreadCount: 'notification.inbox.unread-count',
  getPreferences: 'notification.preferences.get',
  updatePreferences: 'notification.preferences.update',
  registerDevice: 'notification.devices.register',
  unregisterDevice: 'notification.devices.unregister',
  /** Service-only: another service's own message to a user (SendNotificationRequest). */
  send: 'notification.messages.send',
} as const;

/** Domain events of the notification service, relayed from its outbox to JetStream. */
export const NOTIFICATION_EVENTS = {
  messageSent: 'notification.message.sent',
} as const;
