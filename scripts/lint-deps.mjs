// Checks the import rules of .dependency-cruiser.cjs on the application's code, and one rule
// dependency-cruiser cannot express: a module that imports lib/db also imports 'server-only',
// so no client bundle can take database code in. Next.js entry points (pages, layouts, route
// handlers, error boundaries) are exempt: they are never imported by other modules.
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const SOURCES = ['lib', 'app', 'components', 'drizzle', 'instrumentation.ts', 'proxy.ts'];
const NEXT_ENTRY = /^app\/(.+\/)?(page|layout|template|default|loading|error|global-error|not-found|route)\.tsx?$/;

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const { output: result } = await cruise(SOURCES, options, {}, { tsConfig: extractTSConfig('tsconfig.json') });

const { output: report, exitCode } = await format(result, { outputType: 'err' });

const missing = result.modules
  .filter((m) => /^(lib|components|app)\//.test(m.source) && !m.source.startsWith('lib/db/') && !NEXT_ENTRY.test(m.source))
  .filter((m) => m.dependencies.some((d) => d.resolved.startsWith('lib/db/')))
  .filter((m) => !m.dependencies.some((d) => d.module === 'server-only'))
  .map((m) => m.source);

if (exitCode !== 0) process.stdout.write(report);
for (const source of missing) console.log(`  error server-only-beside-db: ${source} imports lib/db without import 'server-only'`);
if (exitCode !== 0 || missing.length > 0) {
  console.log(`\nlint:deps: ${result.summary.error + missing.length} violation(s)`);
  process.exit(1);
}
console.log(`lint:deps: no violations (${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} dependencies)`);
