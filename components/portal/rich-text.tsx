import type { ReactNode } from 'react';

type HeadingLevel = 2 | 3 | 4;

/**
 * Text the staff write, shown as paragraphs: a blank line starts a new paragraph, lines
 * starting with "- " are a list, and a line starting with "## " is a heading (at the level
 * the page needs). Rendered as elements, never as HTML, so nothing typed can inject markup.
 */
export function RichText({ text, headingLevel = 3, className = '' }: { text: string; headingLevel?: HeadingLevel; className?: string }) {
  const Heading = `h${headingLevel}` as const;
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(<p key={blocks.length}>{paragraph.join(' ')}</p>);
    if (list.length) {
      blocks.push(
        <ul key={blocks.length} className="list-disc space-y-1 pl-5">
          {list.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>,
      );
    }
    paragraph = [];
    list = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) {
      flush();
    } else if (line.startsWith('## ')) {
      flush();
      blocks.push(
        <Heading key={blocks.length} className="pt-2 font-semibold text-slate-950">
          {line.slice(3)}
        </Heading>,
      );
    } else if (line.startsWith('- ')) {
      if (paragraph.length) flush();
      list.push(line.slice(2));
    } else {
      if (list.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return <div className={`space-y-3 leading-7 text-slate-800 ${className}`}>{blocks}</div>;
}
