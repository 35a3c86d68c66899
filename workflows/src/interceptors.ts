import {
  type ActivityInput,
  type ContinueAsNewInput,
  type Next,
  type StartChildWorkflowExecutionInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { Headers } from '@temporalio/common';
import { TEMPORAL_CORRELATION_HEADER } from '@easi/contracts';

/**
 * Passes the correlation id the workflow was started with on to every activity and child,
 * so logs and Kafka headers written by activities carry the id of the originating request.
 */
class CorrelationInterceptor implements WorkflowInboundCallsInterceptor, WorkflowOutboundCallsInterceptor {
  private correlation: Headers[string] | undefined;

  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    this.correlation = input.headers[TEMPORAL_CORRELATION_HEADER];
    return next(input);
  }

  private inject(headers: Headers): Headers {
    if (!this.correlation || headers[TEMPORAL_CORRELATION_HEADER]) return headers;
    return { ...headers, [TEMPORAL_CORRELATION_HEADER]: this.correlation };
  }

  async scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    return next({ ...input, headers: this.inject(input.headers) });
  }

  async startChildWorkflowExecution(
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ): Promise<[Promise<string>, Promise<unknown>]> {
    return next({ ...input, headers: this.inject(input.headers) });
  }

  async continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>): Promise<never> {
    return next({ ...input, headers: this.inject(input.headers) });
  }
}

export const interceptors = (): WorkflowInterceptors => {
  const interceptor = new CorrelationInterceptor();
  return { inbound: [interceptor], outbound: [interceptor] };
};
