import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import type { StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { normalizeComment } from '@/lib/questionnaires/answers';
import { AnswerInputError } from '@/lib/questionnaires/errors';
import { exportAnswers } from '@/lib/questionnaires/export';
import { importAnswers, MAX_IMPORT_BYTES } from '@/lib/questionnaires/import';
import { updateAnswers } from '@/lib/questionnaires/update';
import { describeEachDatabase } from '../helpers/databases';
import { zipBomb } from '../helpers/zip-bomb';
import { changeOf, installQuestionnairesForAdmin, PUBLIC_SET, questionnaireState, storedQuestions } from '../helpers/questionnaires';

/** Comments a spreadsheet program, a CSV parser or a formula evaluator could mangle. */
const TRICKY = [
  'First line\nsecond line\n\nafter a blank line',
  'Zürich, Dublin – “quoted” and ‘single’ · ≤ 30 days · Ελληνικά · 日本語',
  '=HYPERLINK("https://evil.example","click")',
  '+1 (555) 0100',
  '-2 is the lowest tier',
  '@SUM(A1:A9)',
  "'already quoted",
  "''two apostrophes",
  'He said "yes", then; left',
  'tab\tinside, and a comma',
  '=1+1\n+2\n-3\n@4',
  "Looks fine.\n=cmd|' /C calc'!A0",
  "Indented\n  =SUM(1)\n'quoted line\n\uFF1Dfullwidth",
].map(normalizeComment);

describeEachDatabase('questionnaire spreadsheets', (t) => {
  let admin: StaffActor;
  const clock = manualClock(new Date('2026-03-01T10:00:00Z'));

  beforeAll(async () => {
    admin = await installQuestionnairesForAdmin(t().admin);
    const questions = await storedQuestions(t().admin, PUBLIC_SET.slug);
    // Tricky comments, every kind of answer, and evidence set and cleared.
    await updateAnswers(
      { db: t().db, clock, actor: admin },
      PUBLIC_SET.slug,
      TRICKY.map((comment, i) =>
        changeOf(questions[i], { comment, answer: (['yes', 'no', 'na', null] as const)[i % 4], evidence: i % 3 === 0 ? 'soc2-type2-report' : null }),
      ),
    );
  });

  const importFile = (name: string, bytes: Uint8Array, type = '') => importAnswers({ db: t().db, clock, actor: admin }, PUBLIC_SET.slug, { name, type, bytes });

  /** The XLSX export, opened, with its first sheet. */
  async function exportedWorkbook() {
    const exported = await exportAnswers({ db: t().db, actor: admin }, PUBLIC_SET.slug, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ExcelJS.Buffer);
    return { workbook, sheet: workbook.worksheets[0] };
  }

  /** Expects a refusal with this code whose message names the place, and that nothing changed. */
  async function expectRefused(run: () => Promise<unknown>, code: string, message: RegExp, status = 400) {
    const before = await questionnaireState(t().admin, PUBLIC_SET.slug);
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `expected ${code}`).toBeInstanceOf(AnswerInputError);
    expect(error).toMatchObject({ code, status });
    expect((error as Error).message).toMatch(message);
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(before);
  }

  it('stored the tricky comments exactly', async () => {
    const stored = await storedQuestions(t().admin, PUBLIC_SET.slug);
    expect(stored.slice(0, TRICKY.length).map((q) => q.comment)).toEqual(TRICKY);
  });

  it('exports XLSX and imports it back without changing anything', async () => {
    const before = await questionnaireState(t().admin, PUBLIC_SET.slug);
    clock.advance(60_000);
    const exported = await exportAnswers({ db: t().db, actor: admin }, PUBLIC_SET.slug, 'xlsx');
    expect(exported.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(exported.filename).toMatch(/^caiq-lite-answers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const result = await importFile(exported.filename, exported.bytes);
    expect(result).toMatchObject({ format: 'xlsx', rows: before.questions.length, changed: 0, unchanged: before.questions.length });
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(before);
  });

  it('writes every XLSX cell as a plain string, never a formula, with the answers to choose from', async () => {
    const { workbook, sheet } = await exportedWorkbook();
    expect(sheet.name).toBe('Answers');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Section', 'Question ID', 'Question', 'Answer', 'Comment', 'Evidence']);
    const comments: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => expect([ExcelJS.ValueType.String, ExcelJS.ValueType.SharedString, ExcelJS.ValueType.Null]).toContain(cell.type));
      comments.push(row.getCell(5).value);
    });
    expect(comments.slice(0, TRICKY.length)).toEqual(TRICKY.map((c) => c || null));
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No,N/A"'] });
    expect(workbook.worksheets[1].name).toBe('Evidence documents');
  });

  it('exports CSV with formula-like cells guarded, and imports it back without changing anything', async () => {
    const before = await questionnaireState(t().admin, PUBLIC_SET.slug);
    const exported = await exportAnswers({ db: t().db, actor: admin }, PUBLIC_SET.slug, 'csv');
    expect(exported.contentType).toBe('text/csv; charset=utf-8');
    const text = exported.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFSection,Question ID,Question,Answer,Comment,Evidence\r\n')).toBe(true);
    // A spreadsheet program reads a cell starting with = + - @ as a formula: each is prefixed with '.
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(text).toContain(",'+1 (555) 0100,");
    expect(text).toContain(",'-2 is the lowest tier,");
    expect(text).toContain(",'@SUM(A1:A9),");
    expect(text).toContain(",''already quoted,");
    // Every line of a field is guarded, and a field with a line break is quoted (RFC 4180).
    expect(text).toContain(`,"'=1+1\n'+2\n'-3\n'@4",`);
    expect(text).toContain(`,"Looks fine.\n'=cmd|' /C calc'!A0",`);
    expect(text).toContain(`,"Indented\n'  =SUM(1)\n''quoted line\n'\uFF1Dfullwidth",`);
    const result = await importFile(exported.filename, exported.bytes, 'text/csv');
    expect(result).toMatchObject({ format: 'csv', changed: 0 });
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(before);
  });

  it('applies an edited spreadsheet and moves the date only when something changed', async () => {
    const { workbook, sheet } = await exportedWorkbook();
    const row = sheet.getRow(20);
    const questionId = String(row.getCell(2).value);
    row.getCell(4).value = 'no';
    row.getCell(5).value = 'Changed in the spreadsheet\nwith two lines';
    row.getCell(6).value = 'iso27001-certificate';
    clock.advance(3_600_000);
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await importFile('answers.xlsx', edited);
    expect(result).toMatchObject({ changed: 1, answersChangedAt: clock.now() });
    const after = await questionnaireState(t().admin, PUBLIC_SET.slug);
    expect(after.answers_changed_by).toBe(admin.userId);
    expect(new Date(after.answers_changed_at).toISOString()).toBe(clock.now().toISOString());
    expect(new Date(after.document_updated_at).toISOString()).toBe(clock.now().toISOString());
    expect(after.questions.find((q) => q.question_id === questionId)).toMatchObject({
      answer: 'no',
      comment: 'Changed in the spreadsheet\nwith two lines',
      evidence: 'iso27001-certificate',
    });
    // The same file again changes nothing, and the date stays.
    clock.advance(3_600_000);
    expect(await importFile('answers.xlsx', edited)).toMatchObject({ changed: 0 });
    expect(await questionnaireState(t().admin, PUBLIC_SET.slug)).toEqual(after);
  });

  it('refuses bad rows naming their row and column, and applies none of the good ones', async () => {
    const csv = (...rows: string[]) => Buffer.from(['Section,Question ID,Question,Answer,Comment,Evidence', ...rows].join('\r\n'), 'utf8');
    const good = 'Governance,GOV-01,Q,No,Changed,';
    await expectRefused(() => importFile('a.csv', csv(good, 'Governance,XYZ-99,Q,Yes,,')), 'unknown_question', /^Row 3, column “Question ID”: .*“XYZ-99”/);
    await expectRefused(
      () => importFile('a.csv', csv(good, 'Governance,GOV-02,Q,Maybe,,')),
      'invalid_answer',
      /^Row 3, column “Answer”: “Maybe” is not an answer/,
    );
    await expectRefused(
      () => importFile('a.csv', csv(good, 'Governance,GOV-02,Q,Yes,,no-such-document')),
      'unknown_evidence',
      /^Row 3, column “Evidence”: .*“no-such-document”/,
    );
    await expectRefused(() => importFile('a.csv', csv(good, 'Governance,GOV-02,Q,Yes,,Not A Slug!')), 'unknown_evidence', /^Row 3, column “Evidence”/);
    await expectRefused(() => importFile('a.csv', csv(good, 'Governance,not an id,Q,Yes,,')), 'invalid_question_id', /^Row 3, column “Question ID”/);
    await expectRefused(() => importFile('a.csv', csv(good, good)), 'duplicate_question', /^Row 3, column “Question ID”: .*also in row 2/);
    await expectRefused(
      () => importFile('a.csv', csv(good, `Governance,GOV-02,Q,Yes,${'x'.repeat(2001)},`)),
      'comment_too_long',
      /^Row 3, column “Comment”: .*2001 characters/,
    );
    await expectRefused(() => importFile('a.csv', csv(good, 'Governance,GOV-02,Q,Yes,,,surplus')), 'extra_cells', /^Row 3: .*column 7/);
  });

  it('refuses a file without the header, with too many rows, or with nothing in it', async () => {
    await expectRefused(
      () => importFile('a.csv', Buffer.from('Section,Question ID,Question,Comment,Evidence\r\nGovernance,GOV-01,Q,,\r\n')),
      'missing_columns',
      /^Row 1: .*missing: “Answer”/,
    );
    await expectRefused(() => importFile('a.csv', Buffer.from('GOV-01,Yes,,\r\n')), 'missing_columns', /^Row 1: /);
    const many = ['Question ID,Answer,Comment,Evidence', ...Array.from({ length: 501 }, (_, i) => `GOV-${String(i).padStart(3, '0')},Yes,,`)].join('\n');
    await expectRefused(() => importFile('a.csv', Buffer.from(many)), 'too_many_rows', /501 rows; at most 500/);
    await expectRefused(() => importFile('a.csv', Buffer.from('Question ID,Answer,Comment,Evidence\r\n,,,\r\n')), 'no_rows', /no answers/);
    await expectRefused(() => importFile('a.csv', new Uint8Array()), 'empty_file', /empty/);
  });

  it('refuses malformed, disguised, oversized and exploding files', async () => {
    await expectRefused(
      () => importFile('a.csv', Buffer.from('Question ID,Answer,Comment,Evidence\r\nGOV-01,Yes,"never closed,\r\n')),
      'unreadable_csv',
      /quoted cell is never closed/,
    );
    await expectRefused(() => importFile('a.csv', Buffer.from([0x51, 0x75, 0xff, 0xfe, 0x0a])), 'unreadable_csv', /not UTF-8/);
    await expectRefused(() => importFile('answers.xlsx', Buffer.from('Question ID,Answer\nGOV-01,Yes\n')), 'unreadable_xlsx', /not a workbook/);
    await expectRefused(
      () => importFile('answers.xlsx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000, 7)])),
      'unreadable_xlsx',
      /damaged/,
    );
    const exported = await exportAnswers({ db: t().db, actor: admin }, PUBLIC_SET.slug, 'xlsx');
    await expectRefused(() => importFile('answers.xlsx', exported.bytes.subarray(0, exported.bytes.length - 200)), 'unreadable_xlsx', /damaged/);
    await expectRefused(() => importFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), 'unsupported_file', /\.xls/, 415);
    await expectRefused(() => importFile('answers.pdf', Buffer.from('%PDF-1.7')), 'unsupported_file', /XLSX workbook or a CSV/, 415);
    const huge = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41);
    await expectRefused(() => importFile('a.csv', huge), 'file_too_large', /larger than 2 MB/, 413);
    // A workbook whose directory claims an enormous expansion is refused before it is inflated.
    const bomb = Buffer.from(exported.bytes);
    const directory = bomb.readUInt32LE(bomb.length - 22 + 16);
    bomb.writeUInt32LE(0x7fffffff, directory + 24);
    await expectRefused(() => importFile('answers.xlsx', bomb), 'file_too_large', /expands to more than 20 MB/, 413);
    // A workbook whose directory declares its worksheet as 1 KB, but whose worksheet inflates to 64 MiB.
    await expectRefused(
      () => importFile('answers.xlsx', zipBomb(exported.bytes, 64)),
      'file_too_large',
      /“xl\/worksheets\/sheet1\.xml” expands to more than 20 MB/,
      413,
    );
  });

  it('refuses a formula in an uploaded workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Answers');
    sheet.addRow(['Question ID', 'Answer', 'Comment', 'Evidence']);
    sheet.addRow(['GOV-01', 'Yes', { formula: 'CONCAT("a","b")', result: 'ab' }, '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await expectRefused(() => importFile('answers.xlsx', bytes), 'unsupported_cell', /^Row 2, column “Comment”: the cell holds a formula/);
  });

  it('refuses through updateAnswers what the form or JSON sends wrong, changing nothing', async () => {
    const [first, second] = await storedQuestions(t().admin, PUBLIC_SET.slug);
    await expectRefused(
      () =>
        updateAnswers({ db: t().db, clock, actor: admin }, PUBLIC_SET.slug, [changeOf(first, { answer: 'no' }), changeOf(second, { evidence: 'missing-doc' })]),
      'unknown_evidence',
      /^Row 2, column “Evidence”/,
    );
    await expect(updateAnswers({ db: t().db, clock, actor: admin }, 'no-such-set', [changeOf(first)])).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    });
  });
});
