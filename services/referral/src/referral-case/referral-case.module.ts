import { Module } from '@nestjs/common';
import { ReferralCaseController } from './referral-case.controller';
import { ReferralCaseRepository } from './referral-case.repository';
import { ReferralCaseService } from './referral-case.service';

@Module({
  controllers: [ReferralCaseController],
  providers: [ReferralCaseRepository, ReferralCaseService],
  exports: [ReferralCaseService],
})
export class ReferralCaseModule {}
