// Browser tests drive Debian's Chromium; Playwright's own browser download is not available here.
import fs from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(path)) {
  console.error(`Chromium was not found at ${path}; the end-to-end tests need it.
Install it from Debian's packages:  sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at another Chromium build. (Do not run 'npx playwright install'.)`);
  process.exit(1);
}
