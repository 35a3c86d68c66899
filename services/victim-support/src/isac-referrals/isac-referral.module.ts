import { Module } from '@nestjs/common';
import { IsacReferralController } from './isac-referral.controller';
import { IsacReferralRepository } from './isac-referral.repository';
import { IsacReferralService } from './isac-referral.service';
import { NotificationConsumer } from './notification.consumer';

@Module({
  controllers: [IsacReferralController],
  providers: [IsacReferralRepository, IsacReferralService, NotificationConsumer],
  exports: [IsacReferralService],
})
export class IsacReferralModule {}
