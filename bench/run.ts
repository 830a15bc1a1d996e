// `npm run bench`: every benchmark of the project, printing ratios measured side by side.
import { benchDpaRender } from './dpa-render';
import { benchGovernance } from './governance';
import { benchPublicDownload } from './public-download';
import { benchStamp } from './stamp';
import { benchWithActor } from './with-actor';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

await benchWithActor(url);
await benchGovernance(url);
await benchDpaRender();
await benchStamp();
await benchPublicDownload();
process.exit(0);
