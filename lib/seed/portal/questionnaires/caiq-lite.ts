import type { SeedQuestionnaire } from './types';

// A short cloud security self-assessment in the style of CAIQ-Lite. The questions, their ids
// and their grouping are this project's own wording, not the Cloud Security Alliance's
// licensed questionnaire. The answers are the demo vendor's.

export const CAIQ_LITE: SeedQuestionnaire = {
  slug: 'caiq-lite',
  title: 'Cloud security questionnaire (CAIQ-Lite style)',
  description:
    'A concise self-assessment of how the cloud service is secured: governance, identity and access, encryption, monitoring, continuity, suppliers, incident response and privacy. Each answer says yes, no or not applicable, with a comment and, where one exists, the document that backs it.',
  document: {
    slug: 'caiq-lite-questionnaire',
    title: 'Cloud security questionnaire (CAIQ-Lite style)',
    category: 'Questionnaires',
    description: 'Our answers to a short cloud security self-assessment in the style of CAIQ-Lite, kept current by our security team.',
    visibility: 'public',
  },
  sections: [
    {
      name: 'Governance and risk management',
      questions: [
        {
          id: 'GOV-01',
          question: 'Is there an information security policy approved by senior management and reviewed at least once a year?',
          answer: 'yes',
          comment:
            'The policy set is approved by the executive team and reviewed every year, or sooner after a significant change. The last review closed in the first quarter.',
          evidence: 'iso27001-certificate',
        },
        {
          id: 'GOV-02',
          question: 'Is a named person accountable for information security across the organisation?',
          answer: 'yes',
          comment: 'Our Chief Information Security Officer reports to the CEO and presents to the board every quarter.',
        },
        {
          id: 'GOV-03',
          question: 'Do you run a documented risk assessment of the service at least once a year?',
          answer: 'yes',
          comment: 'Risks are assessed yearly and whenever the architecture changes materially; each risk has an owner, a treatment plan and a review date.',
        },
        {
          id: 'GOV-04',
          question: 'Is the information security management system certified or attested by an independent auditor?',
          answer: 'yes',
          comment: 'ISO/IEC 27001:2022 certified, and a SOC 2 Type 2 report covering security, availability and confidentiality is issued every year.',
          evidence: 'soc2-type2-report',
        },
        {
          id: 'GOV-05',
          question: 'Do all employees and contractors complete security awareness training when they join and every year after?',
          answer: 'yes',
          comment: 'Training completion is tracked in the HR system; engineers also complete secure development training every year.',
        },
        {
          id: 'GOV-06',
          question: 'Are exceptions to security policies recorded, approved and given an expiry date?',
          answer: 'yes',
          comment: 'Exceptions are approved by the CISO, expire after at most six months and are reviewed monthly.',
        },
      ],
    },
    {
      name: 'Identity and access management',
      questions: [
        {
          id: 'IDA-01',
          question: 'Do staff sign in to production systems through single sign-on with multi-factor authentication?',
          answer: 'yes',
          comment:
            'Single sign-on with phishing-resistant security keys (FIDO2) is required for every administrative system; passwords alone are never accepted.',
          evidence: 'security-whitepaper',
        },
        {
          id: 'IDA-02',
          question: 'Is access granted by role and limited to what each person needs for their work?',
          answer: 'yes',
          comment: 'Roles are defined per team. No engineer holds standing access to customer data.',
        },
        {
          id: 'IDA-03',
          question: 'Are access rights reviewed at least every quarter?',
          answer: 'yes',
          comment: 'Quarterly reviews by each system owner; the last SOC 2 period noted one late removal in a non-production system, since remediated.',
          evidence: 'soc2-type2-report',
        },
        {
          id: 'IDA-04',
          question: 'Is access removed on a leaver’s last working day?',
          answer: 'yes',
          comment: 'Leavers are deprovisioned from the identity provider through directory sync, which revokes every connected application at once.',
        },
        {
          id: 'IDA-05',
          question: 'Must the customer approve before your support staff can access customer data?',
          answer: 'yes',
          comment:
            'Customer lockbox: a support engineer asks with a justification and ticket; the customer’s own administrator approves for a limited time (at most 8 hours) and may revoke at any moment.',
        },
        {
          id: 'IDA-06',
          question: 'Can customers sign in to the service with their own identity provider (SAML or OIDC) and provision users automatically?',
          answer: 'yes',
          comment: 'SAML 2.0 and OpenID Connect single sign-on, and SCIM provisioning with group-to-role mapping.',
        },
      ],
    },
    {
      name: 'Encryption and key management',
      questions: [
        {
          id: 'ENC-01',
          question: 'Is customer data encrypted at rest?',
          answer: 'yes',
          comment: 'AES-256 for databases, file storage and backups, with keys held in a managed key service.',
          evidence: 'security-whitepaper',
        },
        {
          id: 'ENC-02',
          question: 'Is all network traffic carrying customer data encrypted in transit?',
          answer: 'yes',
          comment: 'TLS 1.2 or 1.3 for every external connection, with HSTS; mutual TLS between internal services.',
        },
        {
          id: 'ENC-03',
          question: 'Are encryption keys rotated on a defined schedule?',
          answer: 'yes',
          comment: 'Data keys rotate every year, and at once if a compromise is suspected.',
        },
        {
          id: 'ENC-04',
          question: 'Is access to encryption keys restricted and logged?',
          answer: 'yes',
          comment: 'Only the service’s own workload identities can use the keys; every use is logged to the central log store.',
        },
        {
          id: 'ENC-05',
          question: 'Can customers bring or hold their own encryption keys?',
          answer: 'no',
          comment: 'Not offered today. Customer-managed keys are on the roadmap for the enterprise plan.',
        },
        {
          id: 'ENC-06',
          question: 'Are secrets (passwords, API keys, certificates) kept out of source code and stored in a secrets manager?',
          answer: 'yes',
          comment: 'Secrets live in a managed secrets store; every commit is scanned for secrets before it can be merged.',
        },
      ],
    },
    {
      name: 'Logging and monitoring',
      questions: [
        {
          id: 'MON-01',
          question: 'Are security-relevant events of the platform and its infrastructure collected in a central log system?',
          answer: 'yes',
          comment: 'Application, database, identity provider and cloud account logs flow into one detection system.',
        },
        {
          id: 'MON-02',
          question: 'Are logs protected from change and kept for at least one year?',
          answer: 'yes',
          comment:
            'Logs are write-once for 13 months. Governance events (access to customer data, approvals) are also hash-chained per customer, and customers can verify the chain themselves.',
        },
        {
          id: 'MON-03',
          question: 'Are alerts from monitoring reviewed around the clock?',
          answer: 'yes',
          comment: 'A follow-the-sun on-call rota answers security alerts within 15 minutes.',
        },
        {
          id: 'MON-04',
          question: 'Can customers see who from your organisation accessed their data?',
          answer: 'yes',
          comment: 'Every lockbox and break-glass access is recorded in the customer’s governance log, which their administrators can read and export.',
        },
        {
          id: 'MON-05',
          question: 'Are clocks of all systems synchronised to a reliable time source?',
          answer: 'yes',
          comment: 'All hosts use the cloud provider’s time service; logs are written in UTC.',
        },
        {
          id: 'MON-06',
          question: 'Do you scan the platform for vulnerabilities and fix findings within defined times?',
          answer: 'yes',
          comment: 'Continuous dependency and container image scanning. Fix times: critical within 72 hours, high within 14 days, medium within 45 days.',
          evidence: 'pen-test-summary-2026',
        },
      ],
    },
    {
      name: 'Business continuity and disaster recovery',
      questions: [
        {
          id: 'BCD-01',
          question: 'Is there a documented business continuity and disaster recovery plan for the service?',
          answer: 'yes',
          comment: 'Recovery time objective 4 hours, recovery point objective 15 minutes.',
          evidence: 'business-continuity-plan',
        },
        {
          id: 'BCD-02',
          question: 'Is the plan tested at least once a year?',
          answer: 'yes',
          comment: 'A full fail-over to the secondary region is rehearsed every year; the last exercise restored service in 2 hours 40 minutes.',
          evidence: 'business-continuity-plan',
        },
        {
          id: 'BCD-03',
          question: 'Are backups encrypted, kept in a second location and restored as a test regularly?',
          answer: 'yes',
          comment: 'Continuous encrypted backups are copied to a second EU region; restores are tested every month.',
        },
        {
          id: 'BCD-04',
          question: 'Does the service run in more than one data centre or availability zone?',
          answer: 'yes',
          comment: 'Three availability zones in the primary region, with a warm standby in a second EU region.',
        },
        {
          id: 'BCD-05',
          question: 'Do you publish the service’s availability and incidents on a status page?',
          answer: 'yes',
          comment: 'The status page shows current incidents, planned maintenance and 90 days of history.',
        },
        {
          id: 'BCD-06',
          question: 'Do you carry insurance that covers cyber incidents?',
          answer: 'yes',
          comment: 'Cyber liability cover of EUR 10 million and professional indemnity of EUR 5 million.',
          evidence: 'insurance-certificate',
        },
      ],
    },
    {
      name: 'Supplier management',
      questions: [
        {
          id: 'SUP-01',
          question: 'Do you keep a current list of the sub-processors that handle customer data?',
          answer: 'yes',
          comment: 'Published on this trust center with locations and purposes, as a page, a JSON file and an Atom feed.',
        },
        {
          id: 'SUP-02',
          question: 'Are customers told in advance before a new sub-processor starts handling their data?',
          answer: 'yes',
          comment:
            'At least 14 days’ notice, or 90 days for a sub-processor that will process customer records. Subscribers are e-mailed when a change is announced.',
        },
        {
          id: 'SUP-03',
          question: 'Are suppliers assessed for security before they are engaged and reviewed periodically?',
          answer: 'yes',
          comment: 'Security review before contract signature, repeated every year for suppliers that handle customer data.',
        },
        {
          id: 'SUP-04',
          question: 'Do contracts with sub-processors bind them to confidentiality and data protection terms at least as strict as yours?',
          answer: 'yes',
          comment: 'Data processing agreements with the EU Standard Contractual Clauses where data leaves the EEA.',
        },
        {
          id: 'SUP-05',
          question: 'Do you rely on a single supplier whose failure would stop the service for more than a day?',
          answer: 'no',
          comment:
            'The hosting provider is critical, but the service can be restored in a second region of the same provider within the recovery time objective.',
        },
        {
          id: 'SUP-06',
          question: 'Is open-source software checked for known vulnerabilities and licence terms before it is used?',
          answer: 'yes',
          comment: 'Automated software composition analysis on every change; a licence allow-list is enforced in the build.',
        },
      ],
    },
    {
      name: 'Incident response',
      questions: [
        {
          id: 'IRP-01',
          question: 'Is there a documented security incident response plan with defined roles?',
          answer: 'yes',
          comment: 'Incident commander, communications lead and technical lead are named for each incident; the plan is reviewed every year.',
          evidence: 'security-whitepaper',
        },
        {
          id: 'IRP-02',
          question: 'Will you notify affected customers of a personal data breach without undue delay?',
          answer: 'yes',
          comment:
            'Within 48 hours of confirming a breach that affects their data, with the facts known at that time and updates as the investigation goes on.',
        },
        {
          id: 'IRP-03',
          question: 'Is the incident response plan exercised at least once a year?',
          answer: 'yes',
          comment: 'A tabletop exercise every half year, with a different scenario each time.',
        },
        {
          id: 'IRP-04',
          question: 'Are root causes of incidents analysed and corrective actions tracked to completion?',
          answer: 'yes',
          comment: 'Blameless post-incident reviews within five business days; actions are tracked in the engineering backlog with owners and due dates.',
        },
        {
          id: 'IRP-05',
          question: 'Is emergency (break-glass) access to customer data limited, time-boxed and reported to the customer?',
          answer: 'yes',
          comment:
            'At most two named holders, for at most one hour, with a justification and incident reference; the customer’s administrators are told at once and every session is reviewed.',
        },
        {
          id: 'IRP-06',
          question: 'Do you accept vulnerability reports from external researchers?',
          answer: 'yes',
          comment: 'See our vulnerability disclosure policy and security.txt. We confirm receipt within two business days.',
        },
      ],
    },
    {
      name: 'Data privacy',
      questions: [
        {
          id: 'PRV-01',
          question: 'Can customers choose the region where their data is stored?',
          answer: 'yes',
          comment: 'Customer data is stored in the EU (Frankfurt, with fail-over to Dublin). Other regions are not offered today.',
        },
        {
          id: 'PRV-02',
          question: 'Do you offer a data processing agreement that meets GDPR Article 28?',
          answer: 'yes',
          comment: 'Our DPA is available on this trust center, with the sub-processor list as its annex.',
        },
        {
          id: 'PRV-03',
          question: 'Is customer data deleted within a defined period after the contract ends?',
          answer: 'yes',
          comment: 'Deleted within 30 days of termination; backups age out within a further 35 days. A deletion confirmation is available on request.',
        },
        {
          id: 'PRV-04',
          question: 'Is customer data used to train machine learning models?',
          answer: 'no',
          comment: 'Customer data is used only to provide the service to that customer.',
        },
        {
          id: 'PRV-05',
          question: 'Is customer data kept separate from other customers’ data?',
          answer: 'yes',
          comment:
            'Row-level security in the database separates tenants; the application cannot bypass it, and every tenant table is tested for isolation on every change.',
          evidence: 'pen-test-summary-2026',
        },
        {
          id: 'PRV-06',
          question: 'Do you process special categories of personal data (health, biometrics and the like)?',
          answer: 'na',
          comment: 'The service is not designed for special categories of data; the terms of service ask customers not to upload them.',
        },
      ],
    },
  ],
};
