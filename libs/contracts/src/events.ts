/** Every domain event crosses JetStream in this envelope. `type` is `<app>.<aggregate>.<past tense>`. */
export interface EventEnvelope<TData = Record<string, unknown>> {
  id: string;
  type: string;
  occurred_at: string;
  source: string;
  correlation_id: string;
  data: TData;
}
