// Beside the map: checkpoints and stations ranked by mean wait, and factories by line-stop time.
// Hovering a row outlines its mark on the map.
(function () {
  const RS = window.RS;

  function table(parent, title, head, rows, api) {
    const wrap = parent.append('div').attr('class', 'sites-block');
    wrap.append('h3').text(title);
    const t = wrap.append('table').attr('class', 'sites');
    t.append('thead').append('tr').selectAll('th').data(head).join('th').text((d) => d);
    const tr = t.append('tbody').selectAll('tr').data(rows).join('tr')
      .on('pointerenter', (e, r) => api.highlight(r.id)).on('pointerleave', () => api.highlight(null));
    tr.selectAll('td').data((r) => r.cells).join('td').html((c) => c);
  }

  const swatch = (color) => `<span class="dot" style="background:${color}"></span>`;
  const fig = (m, ...keys) => { for (const k of keys) if (m.figures[k] != null) return m.figures[k]; return null; };

  RS.sitesTable = function (container, map, api) {
    const el = d3.select(container).html('');
    const sites = [
      ...map.checkpoints.map((m) => ({ m, kind: 'checkpoint' })),
      ...map.stations.map((m) => ({ m, kind: 'station' })),
    ].sort((a, b) => (b.m.wait || 0) - (a.m.wait || 0) || b.m.load - a.m.load);
    if (sites.length) {
      table(el, 'Checkpoints and stations, by mean wait', ['site', 'load', 'wait', 'util.'], sites.map(({ m, kind }) => ({
        id: m.id,
        cells: [
          `${swatch(api.color(m.wait || 0))}${RS.esc(m.id)} <small>${kind}</small>`,
          RS.fmt(m.load),
          RS.dur(m.wait),
          RS.pct(fig(m, 'utilization')),
        ],
      })), api);
    }
    const facs = map.factories.slice().sort((a, b) => (b.figures.lineStopMin || 0) - (a.figures.lineStopMin || 0));
    if (facs.length) {
      table(el, 'Factories, by line-stop time', ['factory', 'stopped', 'min stock', 'deliv.'], facs.map((m) => ({
        id: m.id,
        cells: [
          `${swatch((m.figures.lineStopMin || 0) > 0 ? '#e74c3c' : '#3c9d5d')}${RS.esc(m.id)}`,
          RS.dur(m.figures.lineStopMin || 0),
          RS.fmt(fig(m, 'minStock')),
          RS.fmt(fig(m, 'deliveries')),
        ],
      })), api);
    }
    if (!sites.length && !facs.length) el.append('p').attr('class', 'empty').text('No checkpoints, stations or factories.');
  };
})();
