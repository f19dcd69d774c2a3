import { ERROR_CATALOG, type ErrorCode, type FieldError } from '@ecom/contracts';

/** An RFC 9457 problem details document, as every error answer of the API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  request_id: string;
  instance?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: ErrorCode): string {
  return `https://docs.ecom.tg/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function toProblem(
  code: ErrorCode,
  detail: string,
  requestId: string,
  extra: { errors?: FieldError[]; instance?: string } = {},
): ProblemDetails {
  const { status, title } = ERROR_CATALOG[code];

  return { type: problemType(code), title, status, detail, code, ...extra, request_id: requestId };
}
