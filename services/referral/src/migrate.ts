import { runMigrateCli } from '@easi/service-kit';
import { serviceDefinition } from './service-definition';

runMigrateCli(serviceDefinition);
