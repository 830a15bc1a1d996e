import type { AdminQuery } from '@/lib/db/types';

/** Demo documents with their PDFs, the NDA and the access rules; each only when empty. */
export async function seedDocuments(_q: AdminQuery) {}
