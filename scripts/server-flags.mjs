// Node.js flags for the production server, wherever it is started (npm start, the tests, the
// benchmarks). Both cut the CPU a page costs: a larger young generation means fewer scavenges
// of a render's short-lived objects, and async context frames make AsyncLocalStorage, which
// Next.js consults throughout a render, cost no promise hooks (the default from Node.js 24).
// docs/performance.md has the figures.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64', '--experimental-async-context-frame'];
