// The heavy half of <Markdown>, in its own chunk: react-markdown with links that open aside.
import ReactMarkdown, { type Components } from "react-markdown";

const components: Components = {
  // A link in a note leaves the app in a new tab and gets no handle back to this page.
  a: ({ node: _node, ...link }) => <a {...link} target="_blank" rel="noopener noreferrer" />,
};

export default function MarkdownRenderer({ source }: { source: string }) {
  return (
    <ReactMarkdown components={components}>
      {source}
    </ReactMarkdown>
  );
}
