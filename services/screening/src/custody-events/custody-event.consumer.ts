import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { CustodyEventV1, TOPICS } from '@easi/contracts';
import { defineHandler, type HandlerTable } from '@easi/messaging';
import { KAFKA, KafkaConsumerHost } from '@easi/service-kit';
import { CustodyEventService } from './custody-event.service';

/** Custody events from the force's custody system, on Kafka; the same path as the HTTP endpoint. */
@Injectable()
export class CustodyEventConsumer extends KafkaConsumerHost {
  protected readonly groupId = 'easi-screening.custody-events';

  constructor(
    dataSource: DataSource,
    @Inject(KAFKA) kafka: Kafka,
    private readonly service: CustodyEventService,
  ) {
    super(dataSource, kafka);
  }

  protected handlers(): HandlerTable {
    return {
      [TOPICS.custodyEvents]: defineHandler<CustodyEventV1>({
        schema: CustodyEventV1,
        messageId: (event) => event.eventId,
        handle: async (event) => {
          await this.service.ingest(event, 'kafka');
        },
      }),
    };
  }
}
