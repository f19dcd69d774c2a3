import {
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
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

/** An open span and the traceparent to pass downstream (the span's when tracing is on, the incoming one otherwise). */
export interface SpanHandle {
  traceparent: string | undefined;
  end(failed?: boolean): void;
}

const NO_SPAN_END = (): void => undefined;

/** Opens a span continuing the trace of `traceparent`; costs nothing when tracing is off. */
export function openSpan(name: string, kind: SpanKind, traceparent: string | undefined): SpanHandle {
  if (!provider) return { traceparent, end: NO_SPAN_END };
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : otelContext.active();
  const span = tracer().startSpan(name, { kind }, parent);
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);

  return {
    traceparent: carrier['traceparent'] ?? traceparent,
    end: (failed = false) => {
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

/** Runs `work` in a span (see openSpan), marking the span failed if `work` throws. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  traceparent: string | undefined,
  work: (traceparent: string | undefined) => Promise<T>,
): Promise<T> {
  const span = openSpan(name, kind, traceparent);
  try {
    const result = await work(span.traceparent);
    span.end();

    return result;
  } catch (error) {
    span.end(true);
    throw error;
  }
}

export { SpanKind };
