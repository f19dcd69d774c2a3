// What the edge offers every route module (routes/<service>/): documentation of problem answers, the
// verified caller, the stricter limit of sensitive routes and idempotency keys.
export { CurrentCaller } from '../auth/current-caller.decorator';
export { ApiProblems } from '../http/api-problems.decorator';
export { Idempotent } from '../idempotency/idempotent.decorator';
export { Sensitive } from '../throttling/sensitive.decorator';
