import { handler } from '@/lib/api/handler';
import { config } from '@/lib/core/config';
import { openApiDocument } from '@/lib/integration/openapi';

/** The machine API's OpenAPI 3.1 document. */
export const GET = handler({ access: 'public', db: false }, async () => ({ json: openApiDocument(config().appUrl.href) }));
