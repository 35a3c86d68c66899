/** Injection token of the service's pino logger (JSON lines tagged with the service name). */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
