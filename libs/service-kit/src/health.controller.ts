import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@easi/auth';

export type HealthCheck = { name: string; check: () => Promise<boolean> };
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export type HealthReport = { status: 'ok' | 'unavailable'; checks: Record<string, 'up' | 'down'> };

const CHECK_TIMEOUT_MS = 3000;

const withTimeout = async (check: HealthCheck): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Readiness: 200 only when Postgres, Kafka, Temporal and the activity worker are all up' })
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<HealthReport> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await withTimeout(c)] as const));
    const checks = Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'] as const));
    const ok = results.every(([, up]) => up);
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
