import type { Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { ComponentChildren } from 'preact';

/**
 * Markdown (the bio, a project's description) as Preact elements: the text is
 * parsed into a syntax tree (mdast-util-from-markdown, CommonMark) and each
 * node becomes an element, so every character still goes through Preact's
 * escaping. Raw HTML in the text shows as text, links keep only https and
 * mailto addresses, images show as their alternative text, and headings
 * become bold paragraphs so that the page's heading outline stays its own.
 */
export function Markdown({ text, class: className }: { text: string; class?: string }) {
  if (text.trim() === '') return null;
  return <div class={className ? `prose ${className}` : 'prose'}>{children(fromMarkdown(text))}</div>;
}

const SAFE_LINK = /^(https:\/\/|mailto:)/i;

function children(parent: Parents): ComponentChildren {
  return parent.children.map((node, index) => element(node, index));
}

function element(node: Nodes, key: number): ComponentChildren {
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children(node)}</p>;
    case 'heading':
      return (
        <p key={key}>
          <strong>{children(node)}</strong>
        </p>
      );
    case 'list': {
      // A loose list (items apart) keeps its paragraphs; a tight one shows its items' text bare.
      const loose = node.spread === true || node.children.some((item) => item.spread === true);
      const items = node.children.map((item, i) => (
        <li key={i}>
          {loose
            ? children(item)
            : item.children.map((child, j) => (child.type === 'paragraph' ? children(child) : element(child, j)))}
        </li>
      ));
      return node.ordered ? (
        <ol key={key} start={node.start ?? undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'blockquote':
      return <blockquote key={key}>{children(node)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{node.value}</code>
        </pre>
      );
    case 'thematicBreak':
      return <hr key={key} />;
    case 'strong':
      return <strong key={key}>{children(node)}</strong>;
    case 'emphasis':
      return <em key={key}>{children(node)}</em>;
    case 'delete':
      return <del key={key}>{children(node)}</del>;
    case 'inlineCode':
      return <code key={key}>{node.value}</code>;
    case 'break':
      return <br key={key} />;
    case 'link':
      return SAFE_LINK.test(node.url) ? (
        <a key={key} href={node.url} rel="noopener">
          {children(node)}
        </a>
      ) : (
        <span key={key}>{children(node)}</span>
      );
    case 'image':
      return node.alt ?? '';
    case 'text':
    case 'html':
      return node.value;
    default:
      return 'children' in node ? children(node) : 'value' in node ? node.value : null;
  }
}
