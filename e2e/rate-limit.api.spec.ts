import { expect, test } from '@playwright/test';
import { NO_DEMO_PORT } from '../playwright.config';

test('without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh rate limit', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${NO_DEMO_PORT}` });
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 8; i++) {
    const response = await request.post('/api/subscriptions', {
      data: { email: `visitor-${i}@prospect.example` },
      headers: { 'X-Forwarded-For': `203.0.113.${i + 1}` },
    });
    statuses.push(response.status());
    if (response.status() === 429) retryAfter = response.headers()['retry-after'];
  }
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s < 300)).toHaveLength(5);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  await request.dispose();
});
