// Benchmarks run library code outside Next.js. 'server-only' throws unless the react-server
// export condition is set, and that condition breaks @react-pdf/renderer (it needs the full
// React), so instead this hook resolves 'server-only' to its empty module.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === 'server-only') return next(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
        return next(specifier, context);
      }
    `),
  import.meta.url,
);
