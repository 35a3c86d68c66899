import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { InboxNotificationV1, TOPICS, VictimServiceNotificationV1 } from '@easi/contracts';
import { defineHandler, type HandlerTable } from '@easi/messaging';
import { KAFKA, KafkaConsumerHost } from '@easi/service-kit';
import { IsacReferralService } from './isac-referral.service';

const IncomingNotification = z.union([VictimServiceNotificationV1, InboxNotificationV1]);

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
      [TOPICS.victimServiceNotifications]: defineHandler<VictimServiceNotificationV1 | InboxNotificationV1>({
        schema: IncomingNotification,
        messageId: (notification) => notification.eventId,
        handle: async (notification, ctx) => {
          // Task and alert notifications are for the ISACs' screens; the inbox rows already exist here.
          if (notification.type === 'journey.candidate-identified') {
            await this.referrals.recordCandidateIdentified(notification as VictimServiceNotificationV1, ctx.manager);
          }
        },
      }),
    };
  }
}
