import 'reflect-metadata';
import { NotFoundException } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { AssessmentRepository } from '../assessments/assessment.repository';
import { EligibilityFactsBody } from './eligibility-facts';
import { PERSON } from './risk-fixtures';
import { ScreeningRiskService } from './screening-risk.service';

jest.setTimeout(30_000);

describe('ScreeningRiskService (real Temporal)', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('should answer 404 naming the journey, before reading any assessment, when the journey does not exist', async () => {
    // No database is reached on this path: the repository is never asked.
    const assessments = new AssessmentRepository(undefined as unknown as DataSource);
    const service = new ScreeningRiskService(assessments, new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'easi' }));
    const facts = EligibilityFactsBody.parse({ subjectRef: PERSON });
    const refused = await service.riskFor(facts, 'J-no-such-journey-0000', 'police:pc-42').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(NotFoundException);
    expect((refused as NotFoundException).message).toBe('journey J-no-such-journey-0000 not found');
  });
});
