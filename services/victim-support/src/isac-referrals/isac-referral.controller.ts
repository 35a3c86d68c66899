import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PseudoRef } from '@easi/contracts';
import { RequireAgency, RequireRole } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { IsacReferralService, type IsacReferralView, type Page } from './isac-referral.service';

const ListQuery = z
  .object({
    journeyRef: PseudoRef.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
// A distinct name: decorator metadata must not pick up the zod schema value as the parameter type.
type ListQueryParams = z.infer<typeof ListQuery>;

@ApiTags('ISAC referrals')
@Controller('isac-referrals')
@RequireAgency('victim-service')
@RequireRole('isac')
export class IsacReferralController {
  constructor(private readonly service: IsacReferralService) {}

  @Get()
  @ApiOperation({ summary: 'Victims awaiting ISAC contact, newest first (paged)' })
  @ApiQuery({ name: 'journeyRef', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(@Query(new ZodValidationPipe(ListQuery, 'query')) query: ListQueryParams): Promise<Page<IsacReferralView>> {
    return this.service.list({ ...(query.journeyRef ? { journeyRef: query.journeyRef } : {}) }, query.limit, query.offset);
  }
}
