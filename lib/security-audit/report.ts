import { type Finding, SEVERITIES, type Severity, sortFindings } from './findings';

export interface AuditReport {
  /** What was audited, in words (never a password). */
  target: string;
  findings: Finding[];
  counts: Record<Severity, number>;
  /** 1 when any finding is high, else 0. */
  exitCode: 0 | 1;
}

export function buildReport(target: string, findings: Finding[]): AuditReport {
  const sorted = sortFindings(findings);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, sorted.filter((f) => f.severity === s).length])) as AuditReport['counts'];
  return { target, findings: sorted, counts, exitCode: counts.high > 0 ? 1 : 0 };
}

export function summaryLine(report: AuditReport): string {
  const counts = SEVERITIES.map((s) => `${report.counts[s]} ${s}`).join(', ');
  return `Summary: ${counts}. ${report.exitCode ? 'FAIL: at least one high finding.' : 'PASS: no high finding.'}`;
}

/** For people: findings grouped by severity, each with its id, title, what was found and the fix. */
export function formatText(report: AuditReport): string {
  const lines = [`Security audit of ${report.target}`, ''];
  for (const severity of SEVERITIES) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${group.length})`);
    for (const f of group) {
      lines.push(`  [${f.id}] ${f.title}`, `      found: ${f.found}`, `      fix:   ${f.fix}`);
    }
    lines.push('');
  }
  lines.push(summaryLine(report));
  return lines.join('\n');
}

/** For machines (--json): one object with the target, the counts, the exit code and every finding. */
export function formatJson(report: AuditReport): string {
  const { target, counts, exitCode, findings } = report;
  return JSON.stringify({ target, ok: exitCode === 0, exitCode, counts, findings }, null, 2);
}
