import { describe, expect, it } from 'vitest';
import { answerFromLabel, normalizeComment } from '@/lib/questionnaires/answers';
import { answersToCsv, guardCell, sheetFromCsv, unguardCell } from '@/lib/questionnaires/csv';
import { questionnaireFilename } from '@/lib/questionnaires/document';
import { planAnswerChanges } from '@/lib/questionnaires/plan';
import { answersFromSheet } from '@/lib/questionnaires/sheet';

describe('CSV formula guard', () => {
  it('prefixes exactly the lines a spreadsheet would evaluate, and an import removes exactly that prefix', () => {
    const samples = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'x", "''x", 'plain', '', 'a=b', '1-2', ' =after a space', '\u00A0+after a no-break space'];
    const fullwidth = ['\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)'];
    const lines = ["Looks fine.\n=cmd|' /C calc'!A0", 'a\n  +b\r\n-c\r@d', "ok\n'quoted\nplain", 'x\n\n=y', 'a - b\nc = d'];
    for (const v of [...samples, ...fullwidth, ...lines]) expect(unguardCell(guardCell(v)), JSON.stringify(v)).toBe(v);
    expect(samples.map(guardCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "''x",
      "'''x",
      'plain',
      '',
      'a=b',
      '1-2',
      "' =after a space",
      "'\u00A0+after a no-break space",
    ]);
    expect(fullwidth.map(guardCell)).toEqual(fullwidth.map((v) => `'${v}`));
    expect(lines.map(guardCell)).toEqual(["Looks fine.\n'=cmd|' /C calc'!A0", "a\n'  +b\r\n'-c\r'@d", "ok\n''quoted\nplain", "x\n\n'=y", 'a - b\nc = d']);
  });

  it('quotes every field holding a line break, so that no reader splits it into rows', () => {
    const rows = [
      { section: 'S', questionId: 'AB-01', question: 'Q', answer: 'no' as const, comment: "Looks fine.\n=cmd|' /C calc'!A0", evidence: null },
      { section: 'S', questionId: 'AB-02', question: 'Q', answer: null, comment: 'carriage\rreturn', evidence: null },
    ];
    expect(answersToCsv(rows).toString('utf8')).toBe(
      '\uFEFFSection,Question ID,Question,Answer,Comment,Evidence\r\n' +
        `S,AB-01,Q,No,"Looks fine.\n'=cmd|' /C calc'!A0",\r\n` +
        'S,AB-02,Q,,"carriage\rreturn",\r\n',
    );
  });

  it('round-trips rows through CSV text, quotes and line breaks included', () => {
    const rows = [
      { section: 'A, with comma', questionId: 'AB-01', question: 'Q "quoted"?', answer: 'yes' as const, comment: '=cmd\nline 2\r\n@3\n  -4', evidence: null },
      { section: 'B', questionId: 'AB-02', question: 'Q', answer: null, comment: '', evidence: 'soc2-type2-report' },
    ];
    const sheet = sheetFromCsv(answersToCsv(rows));
    expect(sheet.header).toEqual(['Section', 'Question ID', 'Question', 'Answer', 'Comment', 'Evidence']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['A, with comma', 'AB-01', 'Q "quoted"?', 'Yes', '=cmd\nline 2\r\n@3\n  -4', ''] },
      { row: 3, cells: ['B', 'AB-02', 'Q', '', '', 'soc2-type2-report'] },
    ]);
    expect(answersFromSheet(sheet).changes).toEqual([
      { questionId: 'AB-01', answer: 'yes', comment: '=cmd\nline 2\r\n@3\n  -4', evidence: null },
      { questionId: 'AB-02', answer: null, comment: '', evidence: 'soc2-type2-report' },
    ]);
  });

  it('reads headers in any order and case, ignoring Section and Question', () => {
    const sheet = sheetFromCsv(Buffer.from('evidence,ANSWER,  question id ,comment\n,n/a,AB-01,x\n'));
    expect(answersFromSheet(sheet).changes).toEqual([{ questionId: 'AB-01', answer: 'na', comment: 'x', evidence: null }]);
  });
});

describe('answers', () => {
  it('reads the labels people type', () => {
    expect(['Yes', ' no ', 'N/A', 'na', 'NA', '', '  '].map(answerFromLabel)).toEqual(['yes', 'no', 'na', 'na', 'na', null, null]);
    expect(['Maybe', 'y', 'true'].map(answerFromLabel)).toEqual([undefined, undefined, undefined]);
  });

  it('normalizes comments idempotently', () => {
    const once = normalizeComment('  a  \r\nb\t\n\n c  ');
    expect(once).toBe('a\nb\n\n c');
    expect(normalizeComment(once)).toBe(once);
  });

  it('plans only real changes', () => {
    const current = [
      { id: '1', questionId: 'AB-01', answer: 'yes' as const, comment: 'same', evidenceDocumentId: 'd1' },
      { id: '2', questionId: 'AB-02', answer: null, comment: '', evidenceDocumentId: null },
    ];
    const evidence = [{ id: 'd1', slug: 'one', archived: true }];
    const plan = planAnswerChanges(
      current,
      evidence,
      [
        { questionId: 'AB-01', answer: 'yes', comment: ' same \n', evidence: 'one' },
        { questionId: 'AB-02', answer: 'na', comment: '', evidence: null },
      ],
      (i) => i + 2,
    );
    // AB-01 keeps its link to a since-archived document; only AB-02 changes.
    expect(plan).toEqual([{ id: '2', answer: 'na', comment: '', evidenceDocumentId: null }]);
    expect(() => planAnswerChanges(current, evidence, [{ questionId: 'AB-02', answer: null, comment: '', evidence: 'one' }], (i) => i + 2)).toThrow(
      /^Row 2, column “Evidence”: the document “one” is archived/,
    );
  });
});

describe('questionnaire PDF file name', () => {
  it('is ASCII, whatever the vendor is called', () => {
    expect(questionnaireFilename('Northwind Cloud', 'caiq-lite')).toBe('Northwind-Cloud-CAIQ-Lite-Questionnaire.pdf');
    expect(questionnaireFilename('Zürich "Ops" AG', 'sig-lite')).toBe('Zurich-Ops-AG-SIG-Lite-Questionnaire.pdf');
    expect(questionnaireFilename('株式会社', 'sig-lite')).toBe('SIG-Lite-Questionnaire.pdf');
  });
});
