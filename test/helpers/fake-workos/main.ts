// Runs the fake WorkOS server on its own (the end-to-end tests start it this way).
import { FAKE_PROFILES, FAKE_WORKOS } from './fixtures';
import { startFakeWorkOS } from './server';

const port = Number(process.env.FAKE_WORKOS_PORT ?? 3201);
await startFakeWorkOS({ port, apiKey: FAKE_WORKOS.apiKey, clientId: FAKE_WORKOS.clientId, profiles: FAKE_PROFILES });
console.log(`fake WorkOS listening on 127.0.0.1:${port}`);
