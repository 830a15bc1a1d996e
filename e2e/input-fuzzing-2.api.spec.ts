// Input fuzzing, second shard: see input-fuzzing-1.api.spec.ts.
import { fuzzShard } from './fuzz/suite';

fuzzShard(1);
