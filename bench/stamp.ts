// Stamping a gated copy for its reader (lib/pdf/stamp.ts), timed per call in one process.
// Goal: median under 20 ms for a typical generated document of a few pages. The first call
// of a process also parses the shipped font and its shaping tables; it is shown apart.
// Uses plain-pdf.ts, not @react-pdf/renderer, which the bench's react-server condition
// cannot load.
import { plainPdf } from '@/lib/documents/plain-pdf';
import { stampPdf } from '@/lib/pdf/stamp';

const RUNS = 50;
const GOAL_MS = 20;

/** A text-only document like the generated questionnaires: `paragraphs` long paragraphs under headings. */
function documentOf(paragraphs: number) {
  const sentence = 'Access to production is granted just in time, reviewed every quarter and logged to the tamper-evident governance log. ';
  const sections = Array.from({ length: Math.ceil(paragraphs / 5) }, (_, s) => ({
    heading: `${s + 1}. Control area ${s + 1}`,
    paragraphs: Array.from({ length: 5 }, (_, p) => `${s + 1}.${p + 1} ${sentence.repeat(4)}`),
  }));
  return plainPdf({
    title: 'Security questionnaire',
    author: 'Northwind Cloud',
    sections,
    footer: 'Northwind Cloud - Confidential',
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Each call stamps a different reader at a different time, as real downloads do. */
async function timeStamps(bytes: Buffer, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const facts = {
      email: `reviewer${i}@prospect-${i}.example`,
      company: `Prospect ${i} Ltd`,
      grantId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      issuedAt: new Date(),
    };
    const start = performance.now();
    await stampPdf(bytes, facts);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function pageCount(bytes: Buffer) {
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(bytes)).getPageCount();
}

export async function benchStamp(): Promise<void> {
  const typical = documentOf(16);
  const large = documentOf(300);
  const coldStart = performance.now();
  await stampPdf(typical, { email: 'first@example.com', company: 'First', grantId: 'first', issuedAt: new Date() });
  const cold = performance.now() - coldStart;

  console.log(`\nStamping a gated copy (${RUNS} calls each, one process, after a first call of ${cold.toFixed(0)} ms that loads the font)`);
  let typicalMedian = 0;
  for (const [label, bytes] of [
    ['typical', typical],
    ['large', large],
  ] as const) {
    const pages = await pageCount(bytes);
    const times = await timeStamps(bytes, RUNS);
    const median = percentile(times, 50);
    if (label === 'typical') typicalMedian = median;
    console.log(
      `  ${`${label}: ${pages} pages, ${(bytes.length / 1024).toFixed(0)} kB`.padEnd(34)} median ${median.toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms   min ${times[0].toFixed(1).padStart(6)} ms`,
    );
  }
  console.log(`  stamp, typical document: median ${typicalMedian.toFixed(1)} ms (goal < ${GOAL_MS} ms: ${typicalMedian < GOAL_MS ? 'PASS' : 'FAIL'})`);
}
