import 'server-only';
import { canonicalSha256 } from '@/lib/core/canonical-json';
import { type DpaContent, dpaContentSchema } from '@/lib/dpa/content';
import type { AdminQuery } from '@/lib/db/types';

const DAY = 86_400_000;

/** The demo vendor's DPA: our own wording, modelled on the structure GDPR Article 28 asks for. */
export const DEMO_DPA: DpaContent = dpaContentSchema.parse({
  title: 'Data Processing Agreement',
  processorName: 'Northwind Cloud Ltd.',
  processorAddress: '14 Harbour Street, Dublin D02 X285, Ireland',
  processorContact: 'privacy@northwind.example',
  preamble:
    'This Data Processing Agreement (“DPA”) forms part of the agreement under which Northwind Cloud provides its analytics platform to the Customer (the “Main Agreement”). It sets out how Northwind Cloud processes personal data on the Customer’s behalf, as Article 28 of the General Data Protection Regulation (“GDPR”) and the UK GDPR require.\n\nWhere this DPA and the Main Agreement disagree on the processing of personal data, this DPA prevails.',
  subjectMatter:
    'The personal data the Customer and its users place in the Northwind Cloud platform, and the personal data of the Customer’s users needed to run their accounts.',
  duration: 'For the term of the Main Agreement, and afterwards until the personal data is returned or deleted as clause 9 provides.',
  natureAndPurpose:
    'Hosting, storage, analysis and display of the Customer’s data in the platform; authentication of the Customer’s users; support the Customer asks for; and the security monitoring, backup and disaster recovery needed to provide these services.',
  dataCategories: [
    'Identification and contact data (name, business e-mail address, job title)',
    'Account and authentication data (user identifiers, single sign-on attributes)',
    'Usage and log data (IP addresses, device and browser data, audit events)',
    'Business records the Customer chooses to upload, which may include personal data',
  ],
  dataSubjects: ['The Customer’s employees and contractors who use the platform', 'The Customer’s own customers and contacts whose data the Customer uploads'],
  specialCategories:
    'None intended. The Customer agrees not to upload special categories of data (GDPR Article 9) unless both parties have agreed additional safeguards in writing.',
  sccModules: ['two', 'three'],
  clauses: [
    {
      heading: 'Roles and instructions',
      body: 'The Customer is the controller and Northwind Cloud the processor of the personal data described in Annex I. Northwind Cloud processes it only on the Customer’s documented instructions: the Main Agreement, this DPA and the Customer’s use of the platform’s features. If an instruction appears to breach data protection law, Northwind Cloud tells the Customer without delay and may suspend that processing until the instruction is confirmed or changed.',
    },
    {
      heading: 'Confidentiality',
      body: 'Everyone Northwind Cloud authorises to process the personal data is bound by a duty of confidentiality, receives data protection training when they join and every year after, and has access only to what their role requires.',
    },
    {
      heading: 'Security',
      body: 'Northwind Cloud implements and maintains the technical and organisational measures of Annex II, appropriate to the risk of the processing. They are reviewed at least once a year and after any significant change or incident.',
    },
    {
      heading: 'Sub-processors',
      body: 'The Customer gives general authorisation to engage the sub-processors listed in Annex III. Northwind Cloud announces any new or changed sub-processor on its trust portal at least 14 days before the change takes effect, and at least 90 days before when the sub-processor will process the Customer’s records. Subscribers to the portal’s sub-processor notices receive each announcement by e-mail.\n\nThe Customer may object on reasonable data protection grounds within the notice period. The parties then discuss the objection in good faith; if it cannot be resolved, the Customer may terminate the affected services and receive a pro-rata refund of prepaid fees.\n\nNorthwind Cloud imposes on each sub-processor data protection obligations no less protective than those of this DPA and remains liable for its sub-processors.',
    },
    {
      heading: 'International transfers',
      body: 'Personal data is hosted in the European Union. Where a sub-processor processes it in a country without an adequacy decision, the transfer is made under the Standard Contractual Clauses modules listed in Annex I, with supplementary measures where a transfer impact assessment calls for them.',
    },
    {
      heading: 'Assistance to the Customer',
      body: 'Taking into account the nature of the processing, Northwind Cloud helps the Customer answer requests from data subjects, carry out data protection impact assessments and prior consultations, and meet its security obligations. Self-service features of the platform cover most requests; other help is given at no extra cost within reason.',
    },
    {
      heading: 'Personal data breaches',
      body: 'Northwind Cloud notifies the Customer without undue delay, and in any case within 48 hours, after becoming aware of a personal data breach affecting the Customer’s data. The notice describes the breach, the data and data subjects concerned, the likely consequences and the measures taken, and is updated as facts become known.',
    },
    {
      heading: 'Audits',
      body: 'Northwind Cloud makes available the information needed to demonstrate compliance with this DPA, including its current ISO/IEC 27001 certificate and SOC 2 Type II report through the trust portal. Where that information is not sufficient, the Customer may audit once a year with 30 days’ notice, during business hours, under confidentiality, and at its own cost.',
    },
    {
      heading: 'Return and deletion',
      body: 'When the Main Agreement ends, the Customer may export its data for 30 days. Northwind Cloud then deletes the personal data from the platform within 30 days, and from backups within 90 days, unless law requires it to keep a copy, which stays protected by this DPA.',
    },
    {
      heading: 'Liability and term',
      body: 'The liability provisions of the Main Agreement apply to this DPA. This DPA lasts as long as Northwind Cloud processes personal data for the Customer.',
    },
  ],
  governingLaw: 'The law of Ireland; the courts of Dublin have jurisdiction, except where the Standard Contractual Clauses require otherwise.',
});

/**
 * Version 1 of the demo DPA, the DPA's place in the documents list, and Acme's execution of it
 * (so carol@acme.example can download an executed copy; Globex has not signed yet).
 */
export async function seedDpa(q: AdminQuery) {
  const now = Date.now();
  const [versions] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM dpa_versions');
  if (versions.n === 0) {
    // The JSON text cast to jsonb: a bare parameter would be typed jsonb and encoded a second time.
    await q.query(
      `INSERT INTO dpa_versions (version, content, content_sha256, change_note, published_at) VALUES (1, $1::text::jsonb, $2, 'First version', $3)`,
      [JSON.stringify(DEMO_DPA), canonicalSha256(DEMO_DPA), new Date(now - 120 * DAY).toISOString()],
    );
  }
  await q.query(
    `INSERT INTO documents (slug, title, category, description, visibility, generator, created_at, updated_at)
     SELECT 'dpa', 'Data Processing Agreement (DPA)', 'Legal', 'Our standard GDPR Article 28 terms, with the live sub-processor list and the security measures as annexes. Customers execute it from their console.', 'public', 'dpa', $1, $1
     WHERE NOT EXISTS (SELECT 1 FROM documents WHERE generator = 'dpa') AND NOT EXISTS (SELECT 1 FROM documents WHERE slug = 'dpa')`,
    [new Date(now - 120 * DAY).toISOString()],
  );
  await q.query(
    `INSERT INTO dpa_executions (tenant_id, dpa_version_id, customer_legal_name, signer_name, signer_title, signer_email, executed_by, executed_at)
     SELECT t.id, v.id, t.legal_name, u.name, 'Head of IT', u.email, u.id, $1
     FROM tenants t JOIN users u ON u.tenant_id = t.id AND u.email = 'carol@acme.example'
     CROSS JOIN (SELECT id FROM dpa_versions ORDER BY version LIMIT 1) v
     WHERE t.slug = 'acme' AND NOT EXISTS (SELECT 1 FROM dpa_executions e WHERE e.tenant_id = t.id)`,
    [new Date(now - 45 * DAY).toISOString()],
  );
}
