import nock from 'nock';
import { afterEach } from 'vitest';

// No test may reach the internet: only our own servers on loopback are allowed.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));

afterEach(() => {
  nock.abortPendingRequests();
});
