import type { DataSource } from 'typeorm';

/** True when the database answers `SELECT 1` within the timeout; never throws. */
export const databaseHealth = async (dataSource: DataSource, timeoutMs = 2000): Promise<boolean> => {
  if (!dataSource.isInitialized) {
    return false;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = dataSource.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
};
