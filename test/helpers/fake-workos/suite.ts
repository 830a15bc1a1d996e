import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkOS } from '@workos-inc/node';
import { afterAll, beforeAll } from 'vitest';
import { seedDemoData } from '@/lib/seed/seed';
import type { TestDatabase } from '../databases';
import { FAKE_WORKOS } from './fixtures';
import { type FakeWorkOSOptions, startFakeWorkOS } from './server';

/**
 * For one suite: seeds the demo data and starts a fake WorkOS before its tests, and stops it
 * after them. `port()` and `client()` are ready once the suite's beforeAll hooks run.
 */
export function fakeWorkOSForSuite(t: () => TestDatabase, options: Omit<FakeWorkOSOptions, 'port' | 'apiKey' | 'clientId'>) {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    await seedDemoData(t().admin);
    server = await startFakeWorkOS({ port: 0, apiKey: FAKE_WORKOS.apiKey, clientId: FAKE_WORKOS.clientId, ...options });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    port: () => port,
    client: () => new WorkOS(FAKE_WORKOS.apiKey, { clientId: FAKE_WORKOS.clientId, https: false, apiHostname: '127.0.0.1', port }),
  };
}
