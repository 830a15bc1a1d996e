/**
 * The digest a page's error boundary sees when the database could not be reached: React keeps
 * an error's own digest, so app/error.tsx can say what happened instead of "something went wrong".
 * A module of its own, so that the client bundle takes nothing else from lib/db.
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'TRUST_CENTER_DATABASE_UNAVAILABLE';
