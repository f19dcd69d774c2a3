import {
  context as otelContext,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

let provider: TracerProvider | undefined;

/**
 * Exports spans over OTLP/HTTP only when an endpoint is configured; otherwise spans cost nothing and the
 * incoming `traceparent` is passed on unchanged.
 */
export function initTracing(service: string, endpoint: string | undefined): void {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!endpoint || provider) return;
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
      }),
    ],
  });
  otelContext.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
}

export function tracer(): Tracer {
  return trace.getTracer('ecom');
}

/**
 * Runs `work` in a span that continues the trace of `traceparent`, handing it the traceparent to pass
 * downstream (the new span's when tracing is on, the incoming one otherwise).
 */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  traceparent: string | undefined,
  work: (traceparent: string | undefined) => Promise<T>,
): Promise<T> {
  // Tracing off: no span to open, the incoming trace context is passed on as it came.
  if (!provider) return work(traceparent);
  const parent = traceparent
    ? propagation.extract(otelContext.active(), { traceparent })
    : otelContext.active();

  return tracer().startActiveSpan(name, { kind }, parent, async (span: Span) => {
    const carrier: Record<string, string> = {};
    propagation.inject(otelContext.active(), carrier);
    try {
      return await work(carrier['traceparent'] ?? traceparent);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
