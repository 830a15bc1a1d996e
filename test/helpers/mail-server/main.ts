// Runs the test mail server on its own (the end-to-end tests start it this way).
import { serveMailbox, startTestMailServer } from './server';

const smtpPort = Number(process.env.TEST_SMTP_PORT ?? 3202);
const httpPort = Number(process.env.TEST_MAILBOX_PORT ?? 3203);
const mail = await startTestMailServer(smtpPort);
await serveMailbox(mail, httpPort);
console.log(`test mail server: SMTP on 127.0.0.1:${smtpPort}, mailbox on http://127.0.0.1:${httpPort}/messages`);
