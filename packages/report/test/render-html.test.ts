import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render-html.js';

describe('renderHtml', () => {
  it('inlines everything: no script or stylesheet source, no external URL, a policy that fetches nothing', () => {
    const html = renderHtml({ view: { kind: 'run', title: 'a </script><b>', sections: [{ id: 's', title: 't', blocks: [{ kind: 'note', id: 'n', text: '</script><img src=x>' }] }] } });
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain("default-src 'none'");
    // Text from specs cannot close the data script or inject markup.
    const data = /<script type="application\/json" id="hyperspec-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(data).view.sections[0].blocks[0].text).toBe('</script><img src=x>');
    expect(html).toContain('<title>a &lt;/script&gt;&lt;b&gt; — hyperspec</title>');
    // ECharts' bundle is inside.
    expect(html.length).toBeGreaterThan(500_000);
    expect(html).toContain('echarts');
  });
});
