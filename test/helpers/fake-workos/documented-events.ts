// WorkOS's own example payloads of the Directory Sync events a Trust Center applies, kept in
// the structure WorkOS documents. Adapted only so that they land in a seeded tenant: the ids
// (tagged, so that each test has its own person and events), the organization (`org_acme`),
// the directory (`directory_acme`) and the e-mail address (an address of acme's domain).
//
// Two shapes are documented, and WorkOS has sent both:
// - `emailsOnly`: the Directory User as WorkOS's Directory User reference describes it
//   (workos.com/docs/reference/directory-sync/directory-user): `emails[]` and `username`, no
//   top-level `email`. The payloads are those of WorkOS's webhook reference for Directory Users
//   and Groups (workos.com/docs/reference/webhooks/directory-user and …/directory-group, before
//   `email` was added); `dsync.user.updated` is the example on workos.com/docs/events, whose
//   `ast_name` (sic) is kept as published. @workos-inc/node's own webhook fixture
//   (src/webhooks/fixtures/webhook.json) has the same shape.
// - `withEmail`: the examples of WorkOS's events reference today (workos.com/docs/events,
//   "Directory Sync events"): a top-level `email`, the addresses also in `custom_attributes`.

export interface DocumentedPerson {
  /** Makes the ids and the address unique to one test. */
  tag: string;
  /** The local part of the address at acme.example. */
  name: string;
}

/** An entry of a Directory User's `emails`, as documented (`primary` may be left out). */
export interface DirectoryUserEmail {
  primary?: boolean;
  type?: string;
  value: string;
}

const ORG = 'org_acme';
const DIRECTORY = 'directory_acme';

const ids = ({ tag, name }: DocumentedPerson) => ({
  user: `directory_user_01E1X1B89NH8Z3SDFJR4H7RGX7_${tag}`,
  group: `directory_group_01E1X5GPMMXF4T1DCERMVEEPVW_${tag}`,
  email: `${name}.${tag}@acme.example`,
  event: (documented: string) => `${documented}_${tag}`,
});

/** The five events in the emails[]-only shape, in the order a person's life in the directory sends them. */
export function emailsOnly(person: DocumentedPerson) {
  const id = ids(person);
  const groupUser = {
    id: id.user,
    directory_id: DIRECTORY,
    organization_id: ORG,
    idp_id: '1a2b3c4d5e',
    emails: [{ primary: true, type: 'work', value: id.email }],
    first_name: 'Eric',
    last_name: 'Schneider',
    username: id.email,
    state: 'active',
    created_at: '2021-06-25T19:07:33.155Z',
    updated_at: '2021-06-25T19:07:33.155Z',
    custom_attributes: { department: 'Engineering' },
    raw_attributes: { idp_id: '1a2b3c4d5e' },
  };
  const group = {
    id: id.group,
    idp_id: '12345',
    directory_id: DIRECTORY,
    organization_id: ORG,
    name: 'Developers',
    created_at: '2021-06-25T19:07:33.155Z',
    updated_at: '2021-06-25T19:07:33.155Z',
    raw_attributes: { id: '12345' },
  };
  return {
    email: id.email,
    userId: id.user,
    groupId: id.group,
    created: {
      id: id.event('wh_07FKJ843CVE8F7BXQSPFH0M53V'),
      data: {
        id: id.user,
        directory_id: DIRECTORY,
        organization_id: ORG,
        idp_id: '8931',
        emails: [{ primary: true, type: 'work', value: id.email }] as DirectoryUserEmail[],
        first_name: 'Lela',
        last_name: 'Block',
        username: id.email,
        state: 'active',
        created_at: '2021-06-25T19:07:33.155Z',
        updated_at: '2021-06-25T19:07:33.155Z',
        custom_attributes: { department: 'Engineering' },
        raw_attributes: { idp_id: '8931' },
      },
      event: 'dsync.user.created',
    },
    userAdded: {
      id: id.event('wh_04FKJ843CVE8F7BXQSPFH0M53V'),
      data: { directory_id: DIRECTORY, user: groupUser, group },
      event: 'dsync.group.user_added',
    },
    updated: {
      object: 'event',
      id: id.event('event_07FKJ843CVE8F7BXQSPFH0M53V'),
      event: 'dsync.user.updated',
      data: {
        id: id.user,
        directory_id: DIRECTORY,
        organization_id: ORG,
        idp_id: '8931',
        emails: [{ primary: true, type: 'work', value: id.email }],
        first_name: 'Lela',
        ast_name: 'Block',
        job_title: 'Software Engineer',
        username: id.email,
        state: 'active',
        created_at: '2021-06-25T19:07:33.155Z',
        updated_at: '2021-06-25T19:07:33.155Z',
        custom_attributes: { department: 'Engineering' },
        raw_attributes: {},
      },
      created_at: '2023-04-28 20:05:31.093',
    },
    userRemoved: {
      id: id.event('wh_05FKJ843CVE8F7BXQSPFH0M53V'),
      data: { directory_id: DIRECTORY, user: groupUser, group },
      event: 'dsync.group.user_removed',
    },
    deleted: {
      id: id.event('wh_09FKJ843CVE8F7BXQSPFH0M53V'),
      event: 'dsync.user.deleted',
      data: {
        object: 'directory_user',
        directory_id: DIRECTORY,
        id: id.user,
        idp_id: '8931',
        first_name: 'Veda',
        last_name: 'Block',
        username: id.email,
        emails: [{ type: 'work', value: id.email, primary: true }],
        state: 'suspended',
        created_at: '2021-06-25T19:07:33.155Z',
        updated_at: '2021-06-25T19:07:33.155Z',
        raw_attributes: { idp_id: '8931' },
        custom_attributes: { department: 'Engineering' },
      },
    },
  };
}

/** The same five events as WorkOS's events reference shows them today. */
export function withEmail(person: DocumentedPerson) {
  const id = ids(person);
  const user = (state: string, firstName: string, lastName: string) => ({
    id: id.user,
    directory_id: DIRECTORY,
    organization_id: ORG,
    idp_id: '8931',
    email: id.email,
    first_name: firstName,
    last_name: lastName,
    state,
    created_at: '2021-06-25T19:07:33.155Z',
    updated_at: '2021-06-25T19:07:33.155Z',
    custom_attributes: {
      emails: [{ primary: true, type: 'work', value: id.email }],
      department: 'Engineering',
      job_title: 'Software Engineer',
      username: id.email,
    },
    role: { slug: 'member' },
    roles: [{ slug: 'member' }],
  });
  const group = {
    id: id.group,
    idp_id: '02grqrue4294w24',
    directory_id: DIRECTORY,
    organization_id: ORG,
    name: 'Developers',
    created_at: '2021-06-25T19:07:33.155Z',
    updated_at: '2021-06-25T19:07:33.155Z',
  };
  const event = <T>(name: string, documentedId: string, data: T) => ({
    event: name,
    id: id.event(documentedId),
    data,
    created_at: '2021-06-25T19:07:33.155Z',
    context: {},
  });
  return {
    email: id.email,
    userId: id.user,
    groupId: id.group,
    created: event('dsync.user.created', 'event_07FKJ843CVE8F7BXQSPFH0M53V', user('active', 'Lela', 'Block')),
    userAdded: event('dsync.group.user_added', 'event_04FKJ843CVE8F7BXQSPFH0M53V', {
      directory_id: DIRECTORY,
      user: user('active', 'Eric', 'Schneider'),
      group,
    }),
    updated: event('dsync.user.updated', 'event_08FKJ843CVE8F7BXQSPFH0M53V', { ...user('active', 'Lela', 'Block'), previous_attributes: {} }),
    userRemoved: event('dsync.group.user_removed', 'event_05FKJ843CVE8F7BXQSPFH0M53V', {
      directory_id: DIRECTORY,
      user: user('active', 'Eric', 'Schneider'),
      group,
    }),
    deleted: event('dsync.user.deleted', 'event_09FKJ843CVE8F7BXQSPFH0M53V', user('inactive', 'Lela', 'Block')),
  };
}

/** The events of one documented set, in the order they are delivered. */
export const lifecycle = (set: ReturnType<typeof emailsOnly> | ReturnType<typeof withEmail>) =>
  [set.created, set.userAdded, set.updated, set.userRemoved, set.deleted] as const;
