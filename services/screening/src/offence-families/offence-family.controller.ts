import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { OffenceFamily } from '@easi/contracts';
import { CurrentUser, RequireAgency, RequireRole, type AuthenticatedUser } from '@easi/auth';
import { ZodValidationPipe } from '@easi/service-kit';
import { currentCorrelationId } from '@easi/logging';
import { OffenceFamilyService } from './offence-family.service';
import type { OffenceFamilyChangeRow, OffenceFamilyRow } from './offence-family.repository';

const OffenceFamilyChangeSchema = z
  .object({
    label: z.string().trim().min(1).max(200).optional(),
    homeOfficeCodes: z
      .array(z.string().regex(/^[A-Za-z0-9/.-]{1,16}$/, 'must be a Home Office code such as 8Q'))
      .max(20)
      .optional(),
    codeConfidence: z.enum(['known', 'uncertain']).optional(),
    screened: z.boolean().optional(),
    startsJourney: z.boolean().optional().describe("A custody event for the family starts (or joins) the person's EASI journey"),
    courseOfConduct: z
      .boolean()
      .optional()
      .describe('The offence is itself a course of conduct: a hit suggests victim contact and an ISAC referral'),
    orderBreach: z.boolean().optional().describe('A breach of a protective order: a hit suggests considering an interim or full SPO'),
    note: z.string().max(1000).optional(),
    /** Why: kept with the change and in the audit log. */
    reason: z.string().trim().min(3, 'say why the family changes (3 characters or more)').max(1000),
  })
  .strict()
  .refine(({ reason: _reason, ...fields }) => Object.keys(fields).length > 0, 'name at least one field to change');
type OffenceFamilyChangeBody = z.infer<typeof OffenceFamilyChangeSchema>;

@ApiTags('offence families')
@Controller('offence-families')
@RequireAgency('police')
export class OffenceFamilyController {
  constructor(private readonly service: OffenceFamilyService) {}

  @Get()
  @RequireRole('investigator', 'supervisor', 'tactical-lead', 'operator')
  @ApiOperation({ summary: 'Offence families read by screening: Home Office codes, legislation, whether screened daily' })
  list(): Promise<OffenceFamilyRow[]> {
    return this.service.list();
  }

  @Put(':family')
  @RequireRole('supervisor', 'tactical-lead')
  @ApiOperation({
    summary:
      'Configure a family: label, Home Office codes (and how sure), screened daily or detector only, whether custody events start journeys, course of conduct, order breach; the reason is kept with the fields before and after, and audited',
  })
  @ApiBody({ schema: z.toJSONSchema(OffenceFamilyChangeSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })
  async update(
    @Param('family', new ZodValidationPipe(OffenceFamily, 'family')) family: string,
    @Body(new ZodValidationPipe(OffenceFamilyChangeSchema, 'offence family change')) change: OffenceFamilyChangeBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OffenceFamilyRow> {
    const { reason, ...fields } = change;
    const correlationId = currentCorrelationId();
    const updated = await this.service.update(family, fields, {
      subject: user.subject,
      agency: user.agency,
      roles: user.roles,
      reason,
      ...(correlationId ? { correlationId } : {}),
    });
    if (!updated) throw new NotFoundException(`offence family ${family} is not configurable`);
    return updated;
  }

  @Get(':family/changes')
  @RequireRole('investigator', 'supervisor', 'tactical-lead', 'operator')
  @ApiOperation({ summary: "A family's configuration changes, newest first: who, when, why, the fields before and after" })
  changes(@Param('family', new ZodValidationPipe(OffenceFamily, 'family')) family: string): Promise<OffenceFamilyChangeRow[]> {
    return this.service.changes(family);
  }
}
