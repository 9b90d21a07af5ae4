import { expect } from 'chai';
import { render } from 'preact-render-to-string';
import { h } from 'preact';
import { Markdown } from '../../../../src/adapters/http/pages/markdown.js';

const html = (text: string) => render(h(Markdown, { text }));

describe('Markdown (free text on the page)', () => {
  it('when the text has paragraphs, emphasis, code and a list, then they become those elements', () => {
    expect(html('Hello **bold** and *em* with `code`.\n\n- one\n- two')).to.equal(
      '<div class="prose"><p>Hello <strong>bold</strong> and <em>em</em> with <code>code</code>.</p><ul><li>one</li><li>two</li></ul></div>',
    );
  });

  it('when a link is https or mailto, then it is a link; any other scheme leaves its text only', () => {
    expect(
      html(
        '[site](https://example.com) [mail](mailto:a@example.com) [bad](javascript:alert(1)) [data](data:text/html,x)',
      ),
    ).to.equal(
      '<div class="prose"><p><a href="https://example.com" rel="noopener">site</a> <a href="mailto:a@example.com" rel="noopener">mail</a> <span>bad</span> <span>data</span></p></div>',
    );
  });

  it('when the text holds raw HTML, then it shows as text', () => {
    expect(html('<script>alert(1)</script>\n\nand <img src=x onerror=alert(1)>')).to.equal(
      '<div class="prose">&lt;script>alert(1)&lt;/script><p>and &lt;img src=x onerror=alert(1)></p></div>',
    );
  });

  it('when the text has headings and images, then headings are bold paragraphs and images their alternative text', () => {
    expect(html('# Title\n\n![a cat](https://example.com/cat.png)')).to.equal(
      '<div class="prose"><p><strong>Title</strong></p><p>a cat</p></div>',
    );
  });

  it('when the text has an ordered list, a quote, code, a rule and a hard break, then they become those elements', () => {
    expect(html('3. three\n4. four\n\n> quoted\n\n```\na < b\n```\n\n---\n\nline  \nbreak')).to.equal(
      '<div class="prose"><ol start="3"><li>three</li><li>four</li></ol><blockquote><p>quoted</p></blockquote>' +
        '<pre><code>a &lt; b</code></pre><hr/><p>line<br/>break</p></div>',
    );
  });

  it('when list items are apart, then each keeps its paragraphs; a reference link keeps its text', () => {
    expect(html('- one\n\n- two\n\n[ref][x]\n\n[x]: https://example.com')).to.equal(
      '<div class="prose"><ul><li><p>one</p></li><li><p>two</p></li></ul><p>ref</p></div>',
    );
  });

  it('when the text is blank, then nothing is rendered', () => {
    expect(html(' \n ')).to.equal('');
  });
});
