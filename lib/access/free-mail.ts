/**
 * Public mail providers: anyone can open an account there, so an address at one says nothing
 * about the company behind a request. Requests from them are refused unless a domain rule
 * says otherwise. `name.*` stands for the provider under any country domain (gmx.de, gmx.co.uk).
 */
export const FREE_MAIL_PROVIDERS = [
  'gmail.com',
  'googlemail.com',
  'outlook.*',
  'hotmail.*',
  'live.*',
  'msn.com',
  'yahoo.*',
  'ymail.com',
  'rocketmail.com',
  'aol.*',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'gmx.*',
  'web.de',
  't-online.de',
  'freenet.de',
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'yandex.*',
  'ya.ru',
  'mail.com',
  'email.com',
  'zoho.com',
  'zohomail.com',
  'fastmail.com',
  'hey.com',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'naver.com',
  'daum.net',
  'seznam.cz',
  'libero.it',
  'virgilio.it',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'wanadoo.fr',
  'rediffmail.com',
  'interia.pl',
  'wp.pl',
  'o2.pl',
  'onet.pl',
] as const;

const exact = new Set<string>(FREE_MAIL_PROVIDERS.filter((p) => !p.endsWith('.*')));
const anyCountry = FREE_MAIL_PROVIDERS.filter((p) => p.endsWith('.*')).map((p) => p.slice(0, -2));

export function isFreeMailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  if (exact.has(d)) return true;
  const [name, ...rest] = d.split('.');
  // gmx.de, gmx.net, gmx.co.uk: the provider's name followed by one or two short labels.
  return anyCountry.includes(name) && rest.length >= 1 && rest.length <= 2 && rest.every((label) => /^[a-z]{2,4}$/.test(label));
}
