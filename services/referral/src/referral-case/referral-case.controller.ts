import { Controller, Get, NotFoundException, Param, Query, BadRequestException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PseudoRef } from '@easi/contracts';
import { RequireAgency, RequireRole } from '@easi/auth';
import { ReferralCaseService, type ReferralCaseView } from './referral-case.service';

const parseRef = (value: string | undefined, name: string): string => {
  const parsed = PseudoRef.safeParse(value);
  if (!parsed.success) throw new BadRequestException(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
};

@ApiTags('referral cases')
@Controller('referral-cases')
@RequireAgency('police')
@RequireRole('investigator', 'supervisor', 'tactical-lead')
export class ReferralCaseController {
  constructor(private readonly service: ReferralCaseService) {}

  @Get()
  @ApiOperation({ summary: "Find a journey's referral case by journey reference" })
  async findByJourney(@Query('journeyRef') journeyRef?: string): Promise<ReferralCaseView> {
    const found = await this.service.findByJourneyRef(parseRef(journeyRef, 'journeyRef'));
    if (!found) throw new NotFoundException(`no referral case for journey ${journeyRef}`);
    return found;
  }

  @Get(':caseRef')
  @ApiOperation({ summary: 'A referral case by its reference' })
  async findOne(@Param('caseRef') caseRef: string): Promise<ReferralCaseView> {
    const found = await this.service.findByCaseRef(parseRef(caseRef, 'caseRef'));
    if (!found) throw new NotFoundException(`no referral case ${caseRef}`);
    return found;
  }
}
