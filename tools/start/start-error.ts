/**
 * A problem the newcomer can fix: the message says what is wrong and what to do, and is printed without a
 * stack trace.
 */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}
