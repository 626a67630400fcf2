// Downloads from the page itself (it stays one offline file): every chart as SVG or PNG, every
// table as CSV. RS.addExports() adds the buttons to what is drawn; call it after drawing.
(function () {
  const RS = window.RS;

  const slug = (s) => String(s || 'chart').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'chart';

  function save(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  /** The SVG as a standalone file: the page's CSS inside it, white background, explicit size. */
  RS.svgText = (svg) => {
    const clone = svg.cloneNode(true);
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    const w = svg.getAttribute('width') || svg.clientWidth, h = svg.getAttribute('height') || svg.clientHeight;
    clone.setAttribute('width', w);
    clone.setAttribute('height', h);
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    clone.insertBefore(style, clone.firstChild);
    const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bg.setAttribute('width', '100%'); bg.setAttribute('height', '100%'); bg.setAttribute('fill', '#fff');
    clone.insertBefore(bg, style.nextSibling);
    return { text: new XMLSerializer().serializeToString(clone), w: +w, h: +h };
  };

  RS.saveSvg = (svg, name) => save(new Blob([RS.svgText(svg).text], { type: 'image/svg+xml' }), `${slug(name)}.svg`);

  RS.savePng = (svg, name) => {
    const { text, w, h } = RS.svgText(svg);
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = w * 2; canvas.height = h * 2;
      const ctx = canvas.getContext('2d');
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob((b) => save(b, `${slug(name)}.png`), 'image/png');
    };
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  };

  const csvField = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  /** A table's text as CSV: header rows and body rows, cell text as shown. */
  RS.tableCsv = (table) => [...table.querySelectorAll('tr')]
    .map((tr) => [...tr.children].map((c) => csvField(c.textContent.trim())).join(',')).join('\n') + '\n';

  RS.saveCsv = (table, name) => save(new Blob([RS.tableCsv(table)], { type: 'text/csv' }), `${slug(name)}.csv`);

  function buttons(parent, items) {
    const bar = d3.select(parent).append('span').attr('class', 'export');
    for (const [label, title, f] of items) bar.append('button').attr('type', 'button').attr('class', `export-${label.toLowerCase()}`).attr('title', title).text(label).on('click', f);
  }

  /** Adds SVG/PNG buttons to every chart and a CSV button to every table under `root` that has none. */
  RS.addExports = (root = document) => {
    for (const fig of root.querySelectorAll('figure.chart')) {
      if (fig.querySelector(':scope > .chart-head .export')) continue;
      const h3 = fig.querySelector(':scope > h3');
      const svg = fig.querySelector(':scope > svg');
      if (!h3 || !svg) continue;
      const head = document.createElement('div');
      head.className = 'chart-head';
      fig.insertBefore(head, h3);
      head.appendChild(h3);
      const name = h3.textContent;
      buttons(head, [['SVG', 'download this chart as SVG', () => RS.saveSvg(svg, name)], ['PNG', 'download this chart as PNG', () => RS.savePng(svg, name)]]);
    }
    for (const table of root.querySelectorAll('table.sites, table.data')) {
      if (table.previousElementSibling && table.previousElementSibling.classList.contains('table-head')) continue;
      const head = document.createElement('div');
      head.className = 'table-head';
      table.parentNode.insertBefore(head, table);
      const title = table.dataset.name || (table.closest('section, .sites-block') || {}).querySelector?.('h2, h3')?.textContent || 'table';
      buttons(head, [['CSV', 'download this table as CSV', () => RS.saveCsv(table, title)]]);
    }
  };
})();
