/** Text formatting the staff text areas understand, said once under each. */
export const TEXT_HINT = 'Leave a blank line between paragraphs. Start a line with “- ” for a list item, or “## ” for a heading.';
