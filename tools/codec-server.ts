/**
 * The Temporal codec server for the Web UI (and `temporal workflow show --codec-endpoint`):
 * decrypts payloads for an authorised operator and logs every read. `npm start` runs it on 8234
 * (EASI_CODEC_SERVER_PORT); standalone: `node -r ./tools/register.js tools/codec-server.ts` with
 * TEMPORAL_PAYLOAD_KEYS, AUTH_*, HTTP_PORT, CODEC_ALLOWED_ORIGINS in the environment.
 */
import { codecServerConfigSchema, loadConfig, type CodecServerConfig } from '@easi/config';
import { createLogger } from '@easi/logging';
import { AesGcmPayloadCodec, createCodecServer } from '@easi/temporal';

let config: CodecServerConfig;
try {
  config = loadConfig(codecServerConfigSchema);
} catch (error) {
  process.stderr.write(`codec-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const logger = createLogger('codec-server', config.LOG_LEVEL);
const server = createCodecServer({
  codec: new AesGcmPayloadCodec(config.TEMPORAL_PAYLOAD_KEYS),
  auth: { jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE },
  allowedOrigins: config.CODEC_ALLOWED_ORIGINS,
  audit: logger,
});

server.on('error', (error) => {
  logger.fatal({ err: error }, 'codec server failed');
  process.exit(1);
});
server.listen(config.HTTP_PORT, config.HTTP_HOST, () => {
  logger.info(
    { port: config.HTTP_PORT, origins: config.CODEC_ALLOWED_ORIGINS, currentKeyId: config.TEMPORAL_PAYLOAD_KEYS[0]?.id },
    `codec server on http://${config.HTTP_HOST}:${config.HTTP_PORT} (POST /decode, POST /encode)`,
  );
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
