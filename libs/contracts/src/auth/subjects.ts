/**
 * Request-reply subjects of the auth service. Handlers of `me` subjects act on the verified caller the
 * gateway passes in the headers, never on a user id in the payload.
 */
export const AUTH_SUBJECTS = {
  sendOtp: 'auth.otp.send',
  verifyOtp: 'auth.otp.verify',
  register: 'auth.users.register',
  login: 'auth.sessions.login',
  refresh: 'auth.sessions.refresh',
  logout: 'auth.sessions.logout',
  resetPassword: 'auth.password.reset',
  getProfile: 'auth.profile.get',
  updateProfile: 'auth.profile.update',
  listAddresses: 'auth.addresses.list',
  createAddress: 'auth.addresses.create',
  deleteAddress: 'auth.addresses.delete',
  getConsents: 'auth.consents.get',
  updateConsents: 'auth.consents.update',
  eraseAccount: 'auth.account.erase',
  listUsers: 'auth.users.list',
  setUserStatus: 'auth.users.set-status',
  rotateKeys: 'auth.keys.rotate',
  /** For other services: an active user by phone (wallet transfers to a phone). */
  findUserByPhone: 'auth.users.find-by-phone',
  /** For other services: a user's name and phone (marketplace orders, transport rides). */
  getUserSummary: 'auth.users.summary',
} as const;

/** Domain events of the auth service, relayed from its outbox to JetStream. */
export const AUTH_EVENTS = {
  userRegistered: 'auth.user.registered',
  userSuspended: 'auth.user.suspended',
  userReactivated: 'auth.user.reactivated',
  userErased: 'auth.user.erased',
  otpRequested: 'auth.otp.requested',
} as const;
