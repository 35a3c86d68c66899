export {
  codecServerUrl,
  COMPONENTS,
  loadStackConfig,
  servicesEnv,
  stackEnv,
  toolPaths,
  VERSIONS,
  type Component,
  type StackConfig,
} from './config';
export { StepError } from './errors';
export { provision, temporalCliPath, timeSkippingServerPath, type ProvisionOptions } from './provision';
export {
  stackInfo,
  stackStatus,
  startStack,
  stopStack,
  type ComponentState,
  type ComponentStatus,
  type StackInfo,
  type StackOptions,
} from './stack';
