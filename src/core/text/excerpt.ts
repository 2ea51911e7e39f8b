/**
 * The lines of a paste around the first mention of `needle` (the whole paste's start without
 * one): at most six lines and 1,500 characters. The AI fallback and the gap log both keep this
 * much of an error, so a gap's example and the AI's input are cut the same way.
 */
export function excerptAround(paste: string, needle: string | undefined): string {
  const at = needle ? paste.indexOf(needle) : -1;
  const start = at < 0 ? 0 : paste.lastIndexOf('\n', at) + 1;
  return paste
    .slice(start, start + 4000)
    .split('\n')
    .slice(0, 6)
    .join('\n')
    .slice(0, 1500);
}
