import { createTestSchema } from '../test/test-schema';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { runWithCorrelation } from '@easi/logging';
import { writeOutbox } from './write-outbox';

describe('messaging tables and writeOutbox (real Postgres)', () => {
  let db: Awaited<ReturnType<typeof createTestSchema>>;

  beforeAll(async () => {
    db = await createTestSchema('messaging_tables');
  });

  afterAll(async () => {
    await db.drop();
  });

  it('should match the entities exactly when the tables come from createMessagingTables', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('should store the row with defaults and the current correlation id when written in a transaction', async () => {
    const eventId = await runWithCorrelation('corr-outbox-1', () =>
      db.dataSource.transaction((manager) =>
        writeOutbox(manager, { topic: 't.v1', key: 'J-001', eventType: 'journey.opened', schemaVersion: 1, payload: { a: 1 } }),
      ),
    );
    const row = await db.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ id: eventId });
    expect(row).toMatchObject({
      topic: 't.v1',
      messageKey: 'J-001',
      eventType: 'journey.opened',
      schemaVersion: 1,
      correlationId: 'corr-outbox-1',
      payload: { a: 1 },
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    expect(row.createdAt).toBeInstanceOf(Date);
  });

  it('should leave no row when the surrounding transaction rolls back', async () => {
    let eventId = '';
    await expect(
      db.dataSource.transaction(async (manager) => {
        eventId = await writeOutbox(manager, { topic: 't.v1', key: 'J-002', eventType: 'x.y', schemaVersion: 1, payload: {} });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect(await db.dataSource.getRepository(OutboxMessageEntity).findOneBy({ id: eventId })).toBeNull();
  });

  it('should refuse a message when its fields are unusable', async () => {
    const manager = db.dataSource.manager;
    const base = { topic: 't.v1', key: 'J-3', eventType: 'x.y', schemaVersion: 1, payload: {} };
    await expect(writeOutbox(manager, { ...base, eventId: 'not-a-uuid' })).rejects.toThrow(/uuid/);
    await expect(writeOutbox(manager, { ...base, key: ' ' })).rejects.toThrow(/non-empty/);
    await expect(writeOutbox(manager, { ...base, schemaVersion: 0 })).rejects.toThrow(/schemaVersion/);
    await expect(writeOutbox(manager, { ...base, payload: undefined })).rejects.toThrow(/payload/);
  });
});
