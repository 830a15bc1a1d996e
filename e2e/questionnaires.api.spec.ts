import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { pdfText, qpdfCheck } from '../test/helpers/pdf-tools';
import { ACCOUNTS, requestAs } from './helpers';

// These tests change the SIG-Lite answers one after the other; the browser tests use CAIQ-Lite.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const SET = 'sig-lite';
const BASE = `/api/admin/questionnaires/${SET}`;
const unique = () => randomBytes(4).toString('hex');

interface Question {
  questionId: string;
  answer: string | null;
  comment: string;
  evidence: { slug: string } | null;
}

async function questions(request: APIRequestContext): Promise<Question[]> {
  const response = await request.get(BASE);
  expect(response.status()).toBe(200);
  const { questionnaire } = await response.json();
  return questionnaire.sections.flatMap((s: { questions: Question[] }) => s.questions);
}

test('only trust admins reach the questionnaire endpoints: others get 403, the signed-out 401', async ({ playwright, baseURL }) => {
  const csv = 'Question ID,Answer,Comment,Evidence\r\nRSK-01,No,Changed by someone else,\r\n';
  const calls = (r: APIRequestContext) => [
    r.get('/api/admin/questionnaires'),
    r.get(BASE),
    r.get(`${BASE}/export.xlsx`),
    r.get(`${BASE}/export.csv`),
    r.get(`${BASE}/pdf`),
    r.post(`${BASE}/answers`, { data: { answers: [{ questionId: 'RSK-01', answer: 'no', comment: '', evidence: null }] } }),
    r.post(`${BASE}/import?filename=a.csv`, { headers: { 'Content-Type': 'text/csv' }, data: csv }),
  ];
  for (const email of [ACCOUNTS.bob, ACCOUNTS.grace, ACCOUNTS.carol, ACCOUNTS.dan, ACCOUNTS.erin]) {
    const request = await requestAs(playwright, baseURL, email);
    for (const response of await Promise.all(calls(request))) {
      expect(response.status(), `${email} ${response.url()}`).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
    }
    await request.dispose();
  }
  const anonymous = await requestAs(playwright, baseURL, null);
  for (const response of await Promise.all(calls(anonymous))) {
    expect(response.status(), response.url()).toBe(401);
    expect((await response.json()).error.code).toBe('unauthenticated');
  }
  await anonymous.dispose();
  const admin = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  expect((await questions(admin)).find((q) => q.questionId === 'RSK-01')?.comment).not.toBe('Changed by someone else');
  await admin.dispose();
});

test('a trust admin lists, reads and saves answers as JSON; bad input is refused and changes nothing', async ({ playwright, baseURL }) => {
  const admin = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const list = await admin.get('/api/admin/questionnaires');
  expect(list.status()).toBe(200);
  const { questionnaires } = await list.json();
  expect(questionnaires.map((q: { slug: string; questions: number }) => [q.slug, q.questions])).toEqual([
    ['caiq-lite', 48],
    ['sig-lite', 54],
  ]);

  const comment = `Reviewed again ${unique()}.\nSecond line, “quoted”.`;
  const change = { questionId: 'RSK-02', answer: 'yes', comment, evidence: 'iso27001-certificate' };
  const saved = await admin.post(`${BASE}/answers`, { data: { answers: [change] } });
  expect(saved.status(), await saved.text()).toBe(200);
  const first = await saved.json();
  expect(first).toMatchObject({ changed: 1, unchanged: 0 });
  expect((await questions(admin)).find((q) => q.questionId === 'RSK-02')).toMatchObject({ answer: 'yes', comment, evidence: { slug: 'iso27001-certificate' } });
  // The same again: nothing changes, and the date stays.
  const again = await (await admin.post(`${BASE}/answers`, { data: { answers: [change] } })).json();
  expect(again).toMatchObject({ changed: 0, answersChangedAt: first.answersChangedAt });

  const before = await questions(admin);
  const refusals: [unknown, number, string, RegExp][] = [
    [{ answers: [{ ...change, answer: 'maybe' }] }, 400, 'invalid_answers', /yes.*no.*na/],
    [{ answers: [{ ...change, comment: undefined }] }, 400, 'invalid_answers', /comment/],
    [{ answers: [] }, 400, 'invalid_answers', /at least one/],
    [
      {
        answers: [
          { ...change, answer: 'no' },
          { ...change, questionId: 'RSK-03', evidence: 'no-such-document' },
        ],
      },
      400,
      'unknown_evidence',
      /Row 2, column “Evidence”/,
    ],
    [{ answers: [{ ...change, questionId: 'ZZZ-99' }] }, 400, 'unknown_question', /no question “ZZZ-99”/],
  ];
  for (const [body, status, code, message] of refusals) {
    const response = await admin.post(`${BASE}/answers`, { data: body });
    expect(response.status(), JSON.stringify(body)).toBe(status);
    const { error } = await response.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  }
  const notJson = await admin.post(`${BASE}/answers`, { headers: { 'Content-Type': 'application/json' }, data: '{"answers": [' });
  expect(notJson.status()).toBe(400);
  expect((await admin.post('/api/admin/questionnaires/no-such-set/answers', { data: { answers: [change] } })).status()).toBe(404);
  const crossSite = await admin.post(`${BASE}/answers`, { headers: { Origin: 'https://evil.example' }, data: { answers: [{ ...change, answer: 'no' }] } });
  expect(crossSite.status()).toBe(403);
  expect(await questions(admin)).toEqual(before);
  await admin.dispose();
});

test('exports XLSX and CSV with their types and names, and imports them back unchanged', async ({ playwright, baseURL }) => {
  const admin = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const before = await questions(admin);
  const xlsx = await admin.get(`${BASE}/export.xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(xlsx.headers()['content-disposition']).toMatch(/^attachment; filename="sig-lite-answers-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  expect(xlsx.headers()['cache-control']).toBe('private, no-store');
  const csv = await admin.get(`${BASE}/export.csv`);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="sig-lite-answers-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect((await csv.text()).split('\r\n')[0]).toBe('\uFEFFSection,Question ID,Question,Answer,Comment,Evidence');

  const raw = await admin.post(`${BASE}/import?filename=answers.xlsx`, { headers: { 'Content-Type': 'application/octet-stream' }, data: await xlsx.body() });
  expect(raw.status(), await raw.text()).toBe(200);
  expect(await raw.json()).toMatchObject({ format: 'xlsx', rows: 54, changed: 0 });
  const multipart = await admin.post(`${BASE}/import`, { multipart: { file: { name: 'answers.csv', mimeType: 'text/csv', buffer: await csv.body() } } });
  expect(multipart.status(), await multipart.text()).toBe(200);
  expect(await multipart.json()).toMatchObject({ format: 'csv', rows: 54, changed: 0 });

  // An edited workbook changes exactly the edited answer.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rowOf = sheet.getColumn(2).values.findIndex((v) => v === 'TPR-03');
  const note = `Continuous monitoring since ${unique()}`;
  sheet.getRow(rowOf).getCell(4).value = 'Yes';
  sheet.getRow(rowOf).getCell(5).value = note;
  const edited = await admin.post(`${BASE}/import?filename=edited.xlsx`, {
    headers: { 'Content-Type': 'application/octet-stream' },
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
  });
  expect(await edited.json()).toMatchObject({ changed: 1 });
  const after = await questions(admin);
  expect(after.find((q) => q.questionId === 'TPR-03')).toMatchObject({ answer: 'yes', comment: note });
  expect(after.filter((q) => q.questionId !== 'TPR-03')).toEqual(before.filter((q) => q.questionId !== 'TPR-03'));
  await admin.dispose();
});

/** A CSV file as Python's csv module reads it (an RFC 4180 reader independent of ours). */
function pythonCsvRows(bytes: Buffer): string[][] {
  const script = 'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: bytes }).toString('utf8'));
}

test('the CSV export is RFC 4180: another parser reads one row per question, and no cell nor line in a cell starts a formula', async ({
  playwright,
  baseURL,
}) => {
  const admin = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const all = await questions(admin);
  const comments = [
    "Looks fine.\n=cmd|' /C calc'!A0",
    'First line\n  +SUM(1;2)\n-1 below\n@here',
    '\uFF1Dfullwidth equals\n\uFF0Bplus\n\uFF0Dminus\n\uFF20at',
    'Quoted "twice", with commas\n\t=after a tab\n\'apostrophe',
    '=HYPERLINK("https://evil.example")',
  ];
  const changes = comments.map((comment, i) => {
    const q = all[20 + i];
    return { questionId: q.questionId, answer: q.answer, comment, evidence: q.evidence?.slug ?? null };
  });
  const saved = await admin.post(`${BASE}/answers`, { data: { answers: changes } });
  expect(saved.status(), await saved.text()).toBe(200);

  const csv = await admin.get(`${BASE}/export.csv`);
  expect(csv.status()).toBe(200);
  const bytes = await csv.body();
  const rows = pythonCsvRows(bytes);
  expect(rows.length).toBe(all.length + 1);
  expect(rows[0]).toEqual(['Section', 'Question ID', 'Question', 'Answer', 'Comment', 'Evidence']);
  expect(rows.map((r) => r[1])).toEqual(['Question ID', ...all.map((q) => q.questionId)]);
  const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
  for (const [r, row] of rows.entries()) {
    expect(row.length, `row ${r + 1}`).toBe(6);
    for (const cell of row) {
      for (const line of cell.split(/\r\n|\r|\n/)) {
        expect(formulaStart.test(line) || formulaStart.test(line.trimStart()), `row ${r + 1}: ${JSON.stringify(line)} in ${JSON.stringify(cell)}`).toBe(false);
      }
    }
  }
  const commentOf = (id: string) => rows.find((r) => r[1] === id)?.[4];
  expect(commentOf(changes[0].questionId)).toBe("Looks fine.\n'=cmd|' /C calc'!A0");

  // The import reads back exactly what was saved.
  const again = await admin.post(`${BASE}/import`, { multipart: { file: { name: 'answers.csv', mimeType: 'text/csv', buffer: bytes } } });
  expect(again.status(), await again.text()).toBe(200);
  expect(await again.json()).toMatchObject({ format: 'csv', rows: all.length, changed: 0 });
  const after = await questions(admin);
  for (const change of changes) expect(after.find((q) => q.questionId === change.questionId)?.comment).toBe(change.comment);
  await admin.dispose();
});

test('a malformed, disguised or oversized upload gets a clear error and changes nothing', async ({ playwright, baseURL }) => {
  const admin = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const before = await questions(admin);
  const upload = (name: string, body: Buffer) =>
    admin.post(`${BASE}/import?filename=${name}`, { headers: { 'Content-Type': 'application/octet-stream' }, data: body });
  const cases: [string, Buffer, number, string, RegExp][] = [
    ['answers.xlsx', Buffer.from('Question ID,Answer\nRSK-01,No\n'), 400, 'unreadable_xlsx', /damaged or not a workbook/],
    ['answers.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4096)]), 400, 'unreadable_xlsx', /damaged/],
    [
      'answers.csv',
      Buffer.from('Question ID,Answer,Comment,Evidence\r\nRSK-01,No,,\r\nRSK-02,Perhaps,,\r\n'),
      400,
      'invalid_answer',
      /^Row 3, column “Answer”: “Perhaps” is not an answer/,
    ],
    ['answers.csv', Buffer.from('Question,Comment\r\nx,y\r\n'), 400, 'missing_columns', /missing: “Question ID”, “Answer”, “Evidence”/],
    ['answers.csv', Buffer.alloc(2 * 1024 * 1024 + 1, 0x41), 413, 'file_too_large', /larger than 2 MB/],
  ];
  for (const [name, body, status, code, message] of cases) {
    const response = await upload(name, body);
    expect(response.status(), code).toBe(status);
    const { error } = await response.json();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  }
  const tooBig = await admin.post(`${BASE}/import`, {
    multipart: { file: { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(3 * 1024 * 1024, 0x41) } },
  });
  expect(tooBig.status()).toBe(413);
  expect(await questions(admin)).toEqual(before);
  await admin.dispose();
});

test('the public questionnaire PDF downloads for anyone; the gated one needs a grant; trust admins preview both', async ({ playwright, baseURL }) => {
  const anonymous = await requestAs(playwright, baseURL, null);
  const pdf = await anonymous.get('/documents/caiq-lite-questionnaire.pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toBe('inline; filename="Northwind-Cloud-CAIQ-Lite-Questionnaire.pdf"');
  const etag = pdf.headers().etag;
  expect((await anonymous.get('/documents/caiq-lite-questionnaire.pdf', { headers: { 'If-None-Match': etag } })).status()).toBe(304);
  const bytes = await pdf.body();
  await qpdfCheck(bytes);
  expect(await pdfText(bytes, 1)).toContain('Answers last changed');
  expect((await anonymous.get('/documents/sig-lite-questionnaire.pdf')).status()).toBe(403);
  const listing = await (await anonymous.get('/documents')).text();
  expect(listing).toContain('Cloud security questionnaire (CAIQ-Lite style)');
  expect(listing).toContain('Third-party risk questionnaire (SIG-Lite style)');
  await anonymous.dispose();

  const admin = await requestAs(playwright, baseURL, ACCOUNTS.alice);
  const preview = await admin.get(`${BASE}/pdf`);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['cache-control']).toBe('private, no-store');
  expect(await pdfText(await preview.body(), 1)).toContain('Third-party risk questionnaire');
  await admin.dispose();
});
