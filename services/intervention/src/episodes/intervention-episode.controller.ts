import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequireAgency, RequireRole } from '@easi/auth';
import { PseudoRef } from '@easi/contracts';
import { ZodValidationPipe } from '@easi/service-kit';
import { InterventionEpisodeService, type InterventionEpisodeView, type SessionView } from './intervention-episode.service';

const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
// A distinct name: decorator metadata must not pick up the zod schema value as the parameter type.
type ListQueryParams = z.infer<typeof ListQuery>;

@ApiTags('intervention episodes')
@Controller('episodes')
@RequireAgency('psychology')
@RequireRole('psychologist')
export class InterventionEpisodeController {
  constructor(private readonly service: InterventionEpisodeService) {}

  @Get()
  @ApiOperation({ summary: 'Intervention episodes, newest first (paged). Pseudonymous participant references only.' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  list(
    @Query(new ZodValidationPipe(ListQuery, 'query')) query: ListQueryParams,
  ): Promise<{ items: InterventionEpisodeView[]; total: number }> {
    return this.service.list(query.limit, query.offset);
  }

  @Get(':journeyRef/sessions')
  @ApiOperation({ summary: "A participant's recorded fACT sessions (attended, missed, rescheduled)" })
  sessions(@Param('journeyRef', new ZodValidationPipe(PseudoRef, 'journeyRef')) journeyRef: string): Promise<SessionView[]> {
    return this.service.sessions(journeyRef);
  }
}
