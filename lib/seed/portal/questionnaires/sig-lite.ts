import type { SeedQuestionnaire } from './types';

// A third-party risk questionnaire in the style of SIG-Lite, grouped by risk domain. The
// questions, their ids and their grouping are this project's own wording, not Shared
// Assessments' licensed questionnaire. The answers are the demo vendor's.

export const SIG_LITE: SeedQuestionnaire = {
  slug: 'sig-lite',
  title: 'Third-party risk questionnaire (SIG-Lite style)',
  description:
    'A vendor risk assessment organised by risk domain, in the style of SIG-Lite: risk management, policies, assets, people, facilities, operations, access, applications, incidents, resilience, compliance, networks and endpoints, privacy and third parties.',
  document: {
    slug: 'sig-lite-questionnaire',
    title: 'Third-party risk questionnaire (SIG-Lite style)',
    category: 'Questionnaires',
    description: 'Our answers to a vendor risk assessment in the style of SIG-Lite. Shared with approved reviewers under NDA.',
    visibility: 'nda',
  },
  sections: [
    {
      name: 'Enterprise risk management',
      questions: [
        {
          id: 'RSK-01',
          question: 'Does the organisation maintain a risk register covering information security, privacy and operational risks?',
          answer: 'yes',
          comment: 'One register for the whole company, reviewed monthly by the security and risk committee.',
        },
        {
          id: 'RSK-02',
          question: 'Is there a defined risk appetite approved by the executive team?',
          answer: 'yes',
          comment: 'Approved every year; risks above the appetite need an executive owner and a treatment plan.',
        },
        {
          id: 'RSK-03',
          question: 'Are risk assessments performed before major changes to the service or to how data is processed?',
          answer: 'yes',
          comment: 'A security and privacy review is part of the design process for every change that touches customer data.',
        },
        {
          id: 'RSK-04',
          question: 'Has an independent party assessed the risk management programme in the last two years?',
          answer: 'yes',
          comment: 'Covered by the ISO/IEC 27001 certification audit and its yearly surveillance audits.',
          evidence: 'iso27001-certificate',
        },
      ],
    },
    {
      name: 'Security policy and organisation',
      questions: [
        {
          id: 'POL-01',
          question: 'Are security policies published to all staff and acknowledged by them?',
          answer: 'yes',
          comment: 'Policies are on the intranet; staff acknowledge them when they join and after each yearly review.',
        },
        {
          id: 'POL-02',
          question: 'Is there a dedicated information security function with its own budget?',
          answer: 'yes',
          comment: 'Security team of nine people, led by the CISO.',
        },
        {
          id: 'POL-03',
          question: 'Are security responsibilities described in job descriptions and contracts?',
          answer: 'yes',
          comment: '',
        },
        {
          id: 'POL-04',
          question: 'Is there a policy on acceptable use of company systems and data?',
          answer: 'yes',
          comment: 'Part of the employee handbook; covers personal devices, AI tools and data handling.',
        },
      ],
    },
    {
      name: 'Asset and information management',
      questions: [
        {
          id: 'AST-01',
          question: 'Is there an inventory of hardware, software and cloud resources with a named owner for each?',
          answer: 'yes',
          comment: 'Cloud resources are tagged with their owner at creation; untagged resources are flagged daily.',
        },
        {
          id: 'AST-02',
          question: 'Is information classified, with handling rules for each class?',
          answer: 'yes',
          comment: 'Four classes: public, internal, confidential and customer data.',
        },
        {
          id: 'AST-03',
          question: 'Is customer data kept out of development and test environments?',
          answer: 'yes',
          comment: 'Test environments use generated data only; copying production data is technically blocked.',
        },
        {
          id: 'AST-04',
          question: 'Are storage media securely wiped or destroyed at end of life?',
          answer: 'na',
          comment: 'We operate no physical storage: media are handled by our cloud provider under its certified processes.',
        },
      ],
    },
    {
      name: 'Human resources security',
      questions: [
        {
          id: 'PPL-01',
          question: 'Are background checks performed on new employees where local law allows?',
          answer: 'yes',
          comment: 'Identity, employment history and, for roles with production access, criminal record checks.',
        },
        {
          id: 'PPL-02',
          question: 'Do employees and contractors sign confidentiality agreements before they get access to data?',
          answer: 'yes',
          comment: '',
        },
        {
          id: 'PPL-03',
          question: 'Is there a disciplinary process for breaches of security policy?',
          answer: 'yes',
          comment: 'Described in the employee handbook.',
        },
        {
          id: 'PPL-04',
          question: 'Are company devices and access returned or revoked when someone leaves?',
          answer: 'yes',
          comment: 'The leaver checklist is driven by the HR system; access is revoked on the last day through directory deprovisioning.',
        },
      ],
    },
    {
      name: 'Physical and environmental security',
      questions: [
        {
          id: 'FAC-01',
          question: 'Are the data centres hosting the service certified against a recognised standard?',
          answer: 'yes',
          comment: 'Our cloud provider’s data centres hold ISO/IEC 27001 and SOC 2 reports, which we review every year.',
        },
        {
          id: 'FAC-02',
          question: 'Is access to offices controlled and visitors escorted?',
          answer: 'yes',
          comment: 'Badge access in the Dublin and Zürich offices; visitors sign in and are escorted. No customer data is stored in offices.',
        },
        {
          id: 'FAC-03',
          question: 'Do you operate your own server rooms or data centres?',
          answer: 'no',
          comment: 'All production systems run with our cloud provider.',
        },
      ],
    },
    {
      name: 'IT operations management',
      questions: [
        {
          id: 'OPS-01',
          question: 'Are changes to production reviewed, tested and approved before deployment?',
          answer: 'yes',
          comment:
            'Every change is peer reviewed and passes automated tests, dependency and static analysis; only the deployment pipeline can change production.',
          evidence: 'security-whitepaper',
        },
        {
          id: 'OPS-02',
          question: 'Are operating systems and dependencies patched within defined times?',
          answer: 'yes',
          comment: 'Base images are rebuilt weekly. Critical fixes within 72 hours, high within 14 days.',
        },
        {
          id: 'OPS-03',
          question: 'Is capacity monitored and planned to avoid outages?',
          answer: 'yes',
          comment: 'Auto-scaling with alerts at 70% of capacity limits; quarterly capacity review.',
        },
        {
          id: 'OPS-04',
          question: 'Is malware protection in place on systems where it applies?',
          answer: 'yes',
          comment: 'Endpoint detection and response on all staff laptops. Production runs immutable containers with runtime threat detection.',
        },
      ],
    },
    {
      name: 'Access control',
      questions: [
        {
          id: 'ACC-01',
          question: 'Is multi-factor authentication required for all remote and administrative access?',
          answer: 'yes',
          comment: 'Phishing-resistant security keys for all staff.',
        },
        {
          id: 'ACC-02',
          question: 'Are privileged accounts separate from everyday accounts and their use logged?',
          answer: 'yes',
          comment: 'Privileged roles are requested just in time and expire after at most 8 hours; each use is logged.',
        },
        {
          id: 'ACC-03',
          question: 'Are shared or generic accounts prohibited?',
          answer: 'yes',
          comment: 'Every person has a personal account. The only non-personal accounts are workload identities, which cannot sign in interactively.',
        },
        {
          id: 'ACC-04',
          question: 'Are password rules aligned with current guidance (length over complexity, breached-password checks)?',
          answer: 'yes',
          comment:
            'Staff do not use passwords for company systems: single sign-on with security keys. Customer passwords are not stored; customers sign in through their own identity provider.',
        },
      ],
    },
    {
      name: 'Application security',
      questions: [
        {
          id: 'APP-01',
          question: 'Does the development process include security requirements, threat modelling and code review?',
          answer: 'yes',
          comment: 'Threat models for new features that handle customer data; two-person review for every change.',
        },
        {
          id: 'APP-02',
          question: 'Is the application tested by an independent firm at least once a year?',
          answer: 'yes',
          comment: 'Last test: no critical or high findings; two medium findings fixed and verified within 21 days.',
          evidence: 'pen-test-summary-2026',
        },
        {
          id: 'APP-03',
          question: 'Are the OWASP Top 10 risks addressed by design and by automated testing?',
          answer: 'yes',
          comment: 'Static analysis, dependency scanning and integration tests for authorisation and tenant isolation run on every change.',
        },
        {
          id: 'APP-04',
          question: 'Is there a public bug bounty programme?',
          answer: null,
          comment: 'Under review: a private programme is being evaluated for next year.',
        },
      ],
    },
    {
      name: 'Incident management',
      questions: [
        {
          id: 'INC-01',
          question: 'Is there a documented incident management process, available to all staff?',
          answer: 'yes',
          comment: 'Anyone can raise an incident from the chat tool or by phone; the on-call incident commander takes over within 15 minutes.',
        },
        {
          id: 'INC-02',
          question: 'Are customers notified of a security incident affecting their data within a committed time?',
          answer: 'yes',
          comment: 'Without undue delay and at the latest 48 hours after confirmation.\nUpdates follow at least every 24 hours until the incident is closed.',
        },
        {
          id: 'INC-03',
          question: 'Have you had a security incident in the last 24 months that required notifying customers or regulators?',
          answer: 'no',
          comment: '',
        },
        {
          id: 'INC-04',
          question: 'Are forensic evidence and logs preserved during an incident?',
          answer: 'yes',
          comment: 'Write-once log storage for 13 months; the incident runbook covers evidence preservation and chain of custody.',
        },
      ],
    },
    {
      name: 'Operational resilience',
      questions: [
        {
          id: 'RES-01',
          question: 'Are recovery time and recovery point objectives defined for the service?',
          answer: 'yes',
          comment: 'RTO 4 hours, RPO 15 minutes.',
          evidence: 'business-continuity-plan',
        },
        {
          id: 'RES-02',
          question: 'Was the disaster recovery plan tested in the last 12 months?',
          answer: 'yes',
          comment: 'Full regional fail-over exercise; service restored in 2 hours 40 minutes.',
          evidence: 'business-continuity-plan',
        },
        {
          id: 'RES-03',
          question: 'Is there a contractual availability commitment (SLA)?',
          answer: 'yes',
          comment: '99.9% monthly availability, with service credits.',
        },
        {
          id: 'RES-04',
          question: 'Is there a pandemic or loss-of-office plan for staff?',
          answer: 'yes',
          comment: 'The company works remotely by default; no process depends on a single office.',
        },
      ],
    },
    {
      name: 'Compliance management',
      questions: [
        {
          id: 'CMP-01',
          question: 'Do you hold a current ISO/IEC 27001 certificate?',
          answer: 'yes',
          comment: '',
          evidence: 'iso27001-certificate',
        },
        {
          id: 'CMP-02',
          question: 'Do you have a current SOC 2 Type 2 report?',
          answer: 'yes',
          comment: 'Covers security, availability and confidentiality over a twelve-month period.',
          evidence: 'soc2-type2-report',
        },
        {
          id: 'CMP-03',
          question: 'Is the service in scope of PCI DSS?',
          answer: 'na',
          comment: 'The service does not store, process or transmit payment card data.',
        },
        {
          id: 'CMP-04',
          question: 'Are legal, regulatory and contractual requirements tracked in a register?',
          answer: 'yes',
          comment: 'Maintained by the legal team and reviewed every quarter.',
        },
      ],
    },
    {
      name: 'Network and endpoint security',
      questions: [
        {
          id: 'NET-01',
          question: 'Is production separated from corporate networks and from other environments?',
          answer: 'yes',
          comment: 'Separate cloud accounts per environment; no network path from the corporate network to production.',
        },
        {
          id: 'NET-02',
          question: 'Is inbound traffic filtered and protected against denial-of-service attacks?',
          answer: 'yes',
          comment: 'A web application firewall and the provider’s DDoS protection in front of every public endpoint.',
        },
        {
          id: 'NET-03',
          question: 'Are staff laptops encrypted, centrally managed and able to be wiped remotely?',
          answer: 'yes',
          comment: 'Full-disk encryption, mobile device management, automatic updates and remote wipe.',
        },
        {
          id: 'NET-04',
          question: 'Is wireless access in offices separated from any system holding customer data?',
          answer: 'yes',
          comment: 'Office networks are internet-only; all company systems are reached through single sign-on.',
        },
      ],
    },
    {
      name: 'Privacy management',
      questions: [
        {
          id: 'PRI-01',
          question: 'Is there a designated data protection officer?',
          answer: 'yes',
          comment: 'Reachable at privacy@northwind.example.',
        },
        {
          id: 'PRI-02',
          question: 'Do you keep records of processing activities as required by GDPR Article 30?',
          answer: 'yes',
          comment: '',
        },
        {
          id: 'PRI-03',
          question: 'Are data subject requests (access, deletion) supported for customer data you process?',
          answer: 'yes',
          comment: 'Customers can export and delete records themselves; we assist with requests within 10 business days.',
        },
        {
          id: 'PRI-04',
          question: 'Is personal data transferred outside the EEA?',
          answer: 'no',
          comment: 'Customer data stays in the EU. Support tooling sub-processors outside the EEA receive no customer records.',
        },
      ],
    },
    {
      name: 'Third-party risk management',
      questions: [
        {
          id: 'TPR-01',
          question: 'Is there a third-party risk management programme covering all suppliers with access to data?',
          answer: 'yes',
          comment: 'Suppliers are tiered by the data they access; tier 1 suppliers are reviewed every year.',
        },
        {
          id: 'TPR-02',
          question: 'Do you obtain and review your critical suppliers’ audit reports?',
          answer: 'yes',
          comment: 'SOC 2 or ISO/IEC 27001 evidence for every tier 1 supplier, reviewed every year.',
        },
        {
          id: 'TPR-03',
          question: 'Do you monitor the security posture of critical suppliers continuously?',
          answer: null,
          comment: '',
        },
      ],
    },
  ],
};
