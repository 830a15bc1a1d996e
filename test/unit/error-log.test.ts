import { afterEach, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/http/respond';

afterEach(() => vi.restoreAllMocks());

it('answers an unexpected error with a reference only, and logs it without the people’s data the database quoted', async () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  const cause = Object.assign(new Error('new row for relation "mail_outbox" violates check constraint'), {
    code: '23514',
    detail: 'Failing row contains (rita@prospect.example, Rita Reviewer)',
  });
  const error = new Error('Failed query: insert into "mail_outbox" values ($1, $2)\nparams: rita@prospect.example,Rita Reviewer', { cause });
  const response = errorResponse(error);
  expect(response.status).toBe(500);
  const body = await response.json();
  expect(body.error.code).toBe('internal_error');
  expect(JSON.stringify(body)).not.toContain('mail_outbox');
  const logged = log.mock.calls.flat().join('\n');
  expect(logged).toContain('violates check constraint');
  expect(logged).toContain('[23514]');
  expect(logged).not.toContain('rita@prospect.example');
  expect(logged).not.toContain('Rita Reviewer');
});
