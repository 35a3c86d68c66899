import { z } from 'zod';
import { loadConfig, loggingEnv, temporalEnv } from '@easi/config';
import { createLogger } from '@easi/logging';
import { createJourneyWorker } from './journey-worker';

const config = loadConfig(z.object({ ...temporalEnv.shape, ...loggingEnv.shape }));
const logger = createLogger('journey-worker', config.LOG_LEVEL);

const main = async (): Promise<void> => {
  const { worker, connection } = await createJourneyWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    payloadKeys: config.TEMPORAL_PAYLOAD_KEYS,
  });
  logger.info({ taskQueue: worker.options.taskQueue, namespace: config.TEMPORAL_NAMESPACE }, 'journey worker polling');
  await worker.run();
  await connection.close();
  logger.info('journey worker stopped');
};

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'journey worker failed');
  process.exit(1);
});
