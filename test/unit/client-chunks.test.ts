import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkModules, pageScripts } from '@/bench/support/client-chunks';

// A build in miniature, in Turbopack's formats: the framework's chunk (a router, 1, that needs
// React, 2), the project's chunk (a client component, 10, that needs React and a library only
// it uses, 11), the runtime, and the route's client reference manifest.
const PUSH = '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["object"==typeof document?document.currentScript:void 0,';
const CHUNKS: Record<string, string> = {
  'framework.js': `${PUSH}1,(e,t,r)=>{"use strict";let n=e.r(2);r.router=n},2,e=>{"use strict";e.s(["react",0,"React"])}]);`,
  'own.js': `${PUSH}10,(e,t,r)=>{"use strict";let n=e.i(2),o=e.r(11);e.s(["default",0,function(){return o.format(n)}],10)},11,(e,t,r)=>{r.format=a=>String(a).padStart(40,"-")}]);`,
  'turbopack-runtime.js': '(()=>{globalThis.TURBOPACK_RUNTIME=true})();',
};
const MANIFEST = {
  clientModules: {
    '[project]/app/widget.tsx': { id: 10, name: '*', chunks: ['/_next/static/chunks/own.js'], async: false },
    '[project]/node_modules/next/dist/client/components/router.js': { id: 1, name: '*', chunks: ['/_next/static/chunks/framework.js'], async: false },
  },
};

let nextDir: string;

beforeAll(() => {
  nextDir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-chunks-'));
  fs.mkdirSync(path.join(nextDir, 'static', 'chunks'), { recursive: true });
  for (const [name, code] of Object.entries(CHUNKS)) fs.writeFileSync(path.join(nextDir, 'static', 'chunks', name), code);
  fs.mkdirSync(path.join(nextDir, 'server', 'app'), { recursive: true });
  fs.writeFileSync(
    path.join(nextDir, 'server', 'app', 'page_client-reference-manifest.js'),
    `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/page"] = ${JSON.stringify(MANIFEST)};`,
  );
});

afterAll(() => fs.rmSync(nextDir, { recursive: true, force: true }));

describe('reading client chunks', () => {
  it('lists the modules of a chunk with the modules each asks for, without running them', () => {
    const modules = chunkModules(path.join(nextDir, 'static', 'chunks', 'own.js'));
    expect(modules?.map((m) => [m.id, m.deps])).toEqual([
      [10, [2, 11]],
      [11, []],
    ]);
    expect(chunkModules(path.join(nextDir, 'static', 'chunks', 'turbopack-runtime.js'))).toBeNull();
    expect((globalThis as { TURBOPACK_RUNTIME?: boolean }).TURBOPACK_RUNTIME).toBeUndefined();
  });

  it("counts as the project's what only its client components reach, and the rest as the framework's", () => {
    const page = pageScripts(nextDir, '/', Object.keys(CHUNKS));
    const own = chunkModules(path.join(nextDir, 'static', 'chunks', 'own.js'))!;
    const ownBytes = own.reduce((sum, m) => sum + Buffer.byteLength(m.source), 0);
    // The component and the library only it uses; React, which the router needs too, is the framework's.
    expect(page.own.bytes).toBe(ownBytes);
    expect(page.ownEntries.map((e) => e.name)).toEqual(['app/widget.tsx']);
    expect(page.ownEntries[0].bytes).toBe(ownBytes);
    const total = Object.values(CHUNKS).reduce((sum, code) => sum + Buffer.byteLength(code), 0);
    expect(page.framework.bytes + page.own.bytes).toBe(total);
    expect(page.chunks.map((c) => c.file)).toEqual(Object.keys(CHUNKS));
  });
});
