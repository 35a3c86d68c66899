import type { Payload } from '@temporalio/common';
import { z } from 'zod';

/** A payload as the codec-server protocol carries it: protobuf JSON, bytes in base64. */
export type JsonPayload = { metadata?: Record<string, string>; data?: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64 = z.string().regex(BASE64, 'must be base64');

export const JsonPayloadsBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })),
});

export const fromJsonPayload = ({ metadata, data }: { metadata?: Record<string, string> | null; data?: string | null }): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

export const toJsonPayload = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
});
