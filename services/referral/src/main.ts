import { runServiceMain } from '@easi/service-kit';
import { AppModule } from './app.module';
import { serviceDefinition } from './service-definition';

runServiceMain(serviceDefinition, (config) => AppModule.forRoot(config));
