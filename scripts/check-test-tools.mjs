// The tests need tools from Debian's packages: Chromium for the browser tests (Playwright's own
// browser download is not available here), qpdf and poppler-utils to check every PDF, nginx to run
// the shipped reverse-proxy configuration, and Python
// with cryptography (the independent log verifier) and feedparser (the Atom feed tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const problems = [];
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  problems.push(
    `Chromium was not found at ${chromium}; the end-to-end tests need it (or point CHROMIUM_PATH at another build; do not run 'npx playwright install').`,
  );
}
for (const [tool, pkg] of [
  ['qpdf', 'qpdf'],
  ['pdftotext', 'poppler-utils'],
  ['pdfinfo', 'poppler-utils'],
  ['pdffonts', 'poppler-utils'],
]) {
  if (spawnSync(tool, ['-v']).error) problems.push(`${tool} was not found; the PDF tests need it (Debian package ${pkg}).`);
}
if (!['/usr/sbin/nginx', '/usr/bin/nginx'].some((p) => fs.existsSync(p))) {
  problems.push('nginx was not found; the reverse-proxy tests run the shipped deploy/nginx.conf with it (Debian package nginx).');
}
if (spawnSync('python3', ['-c', 'import cryptography']).status !== 0) {
  problems.push(
    "python3 with the cryptography package was not found; the independent governance-log verifier's test needs it (Debian package python3-cryptography).",
  );
}
if (!['python3', '/usr/bin/python3'].some((python) => spawnSync(python, ['-c', 'import feedparser']).status === 0)) {
  problems.push("Python's feedparser was not found; the Atom feed tests read the feed with it (Debian package python3-feedparser).");
}
if (problems.length) {
  console.error(`${problems.join('\n')}
Install them from Debian's packages:  sudo apt-get update && sudo apt-get install -y chromium qpdf poppler-utils python3-cryptography python3-feedparser nginx`);
  process.exit(1);
}
