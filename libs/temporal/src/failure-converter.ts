import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (`DataConverter.failureConverterPath`) in the client, the activity workers and
 * inside the journey worker's workflow sandbox: failure messages and stack traces travel as an
 * encoded payload, so the payload codec encrypts them like any other payload.
 * Keep this file free of imports other than @temporalio/common: it is bundled into workflows.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
