/** Escapes a user's text for a literal `$regex` match (search boxes, prefix filters): no pattern syntax survives. */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Search boxes match at most this many characters (the schemas cap the input too): a bounded regex. */
export const SEARCH_MAX_CHARS = 50;

/** A case-insensitive literal match of a search box's text, trimmed and capped. */
export const searchRegex = (q: string) => ({
  $regex: escapeRegex(q.trim().slice(0, SEARCH_MAX_CHARS)),
  $options: 'i',
});
