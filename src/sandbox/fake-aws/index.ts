export { startFakeAws } from './server';
export type {
  FakeAws,
  FakeAwsOptions,
  FakeAwsWorld,
  FakeCall,
  FakeDeployment,
  FakeLogEvent,
  FakeRestApi,
  FakeService,
  FaultEntry,
  MalformedBody,
} from './types';
