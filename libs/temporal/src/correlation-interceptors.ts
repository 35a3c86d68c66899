import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartUpdateInput,
  WorkflowSignalInput,
} from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { TEMPORAL_CORRELATION_HEADER } from '@easi/contracts';
import { currentCorrelationId, runWithCorrelation } from '@easi/logging';

const withCorrelation = (headers: Headers): Headers => {
  const id = currentCorrelationId();
  if (!id || headers[TEMPORAL_CORRELATION_HEADER]) return headers;
  return { ...headers, [TEMPORAL_CORRELATION_HEADER]: defaultPayloadConverter.toPayload(id) };
};

export const readCorrelationHeader = (headers: Headers | undefined): string | undefined => {
  const payload = headers?.[TEMPORAL_CORRELATION_HEADER];
  if (!payload) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
};

/** Client side: the correlation id of the current request travels in Temporal headers. */
export const correlationClientInterceptor: WorkflowClientInterceptor = {
  async startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>) {
    return next({ ...input, headers: withCorrelation(input.headers) });
  },
  async signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>) {
    return next({ ...input, headers: withCorrelation(input.headers) });
  },
  async signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>) {
    return next({ ...input, headers: withCorrelation(input.headers) });
  },
  async startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>) {
    return next({ ...input, headers: withCorrelation(input.headers) });
  },
};

/** Activity side: an activity runs inside the correlation id its workflow passed on. */
export const correlationActivityInterceptor: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      const id = readCorrelationHeader(input.headers);
      return id ? runWithCorrelation(id, () => next(input)) : next(input);
    },
  },
});
