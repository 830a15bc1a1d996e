import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '@/lib/core/errors';

/** For pages: a data function's `not_found` refusal becomes the 404 page; anything else is rethrown. */
export function orNotFound<T>(pending: Promise<T>): Promise<T> {
  return pending.catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
}
