import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { TOPICS, VictimServiceNotificationV1 } from '@easi/contracts';
import { defineHandler, type HandlerTable } from '@easi/messaging';
import { KAFKA, KafkaConsumerHost } from '@easi/service-kit';
import { IsacReferralService } from './isac-referral.service';

/** Notifications addressed to the victim service (its own topic: it reads nothing meant for others). */
@Injectable()
export class NotificationConsumer extends KafkaConsumerHost {
  protected readonly groupId = 'easi-victim-support.notifications';

  constructor(
    dataSource: DataSource,
    @Inject(KAFKA) kafka: Kafka,
    private readonly referrals: IsacReferralService,
  ) {
    super(dataSource, kafka);
  }

  protected handlers(): HandlerTable {
    return {
      [TOPICS.victimServiceNotifications]: defineHandler<VictimServiceNotificationV1>({
        schema: VictimServiceNotificationV1,
        messageId: (notification) => notification.eventId,
        handle: async (notification, ctx) => {
          switch (notification.type) {
            case 'journey.candidate-identified':
              await this.referrals.recordCandidateIdentified(notification, ctx.manager);
              return;
          }
        },
      }),
    };
  }
}
