// The placement page: headline, map of candidates and chosen sites, K vs objective, table of sets.
// Uses the report's RS.drawMap (viz/map.js) when the page includes it, else a plain map of its own.
(function () {
  const data = JSON.parse(document.getElementById('placement-data').textContent);
  const r = data.result;
  const RS = (window.RS = window.RS || {});
  const fmt = (v) => (v == null ? '–' : d3.format(',.4~r')(v));
  const pm = (mean, half) => `${fmt(mean)} ± ${half == null ? '∞' : fmt(half)}`;
  const el = (id) => document.getElementById(id);

  el('title').textContent = `Station placement: ${r.scenario}`;
  el('meta').innerHTML = [`objective <code>${r.objective}</code>`, `k = ${r.k}`, `${r.reps} replications`, `seed ${r.seed}`,
    `search: ${r.method}`, `${r.evaluated.length} sets evaluated`, r.budget != null ? `budget ${r.budget}` : null].filter(Boolean).join(' · ');
  const cards = [
    ['best set', r.best.sites.map((s) => s.id).join(', '), pm(r.best.mean, r.best.half)],
    ['margin over runner-up', r.margin ? pm(r.margin.mean, r.margin.half) : '–', r.margin ? `${r.margin.significant ? 'significant' : 'not significant'} (paired, n = ${r.margin.n})` : 'no runner-up'],
    ['scenario stations', r.baseline ? pm(r.baseline.mean, r.baseline.half) : '–', r.baseline ? `vs best: ${pm(r.baseline.vsBest.mean, r.baseline.vsBest.half)}` : 'none'],
  ];
  d3.select('#headline').selectAll('div').data(cards).join('div').attr('class', 'card')
    .html((c) => `<div class="k">${c[0]}</div><div class="v" title="${c[1]}">${c[1]}</div><div class="s">${c[2]}</div>`);

  drawMap(el('map'));
  drawTradeoff(el('tradeoff'));
  drawTable(el('sets'));

  function drawMap(container) {
    let projection, layer;
    if (RS.drawMap && data.map) {
      const m = RS.drawMap(container, data.map);
      projection = m.projection;
      layer = m.svg.select('g').append('g').attr('class', 'candidates');
    } else {
      const width = Math.max(300, container.clientWidth), height = Math.round(width * 0.7);
      const pts = { type: 'MultiPoint', coordinates: data.nodes.map((n) => [n.lon, n.lat]) };
      projection = d3.geoMercator().fitExtent([[20, 20], [width - 20, height - 20]], pts);
      const svg = d3.select(container).append('svg').attr('width', width).attr('height', height);
      const at = new Map(data.nodes.map((n) => [n.id, projection([n.lon, n.lat])]));
      svg.append('g').selectAll('line').data(data.edges).join('line').attr('stroke', '#c3ccd6')
        .attr('x1', (e) => at.get(e.from)[0]).attr('y1', (e) => at.get(e.from)[1]).attr('x2', (e) => at.get(e.to)[0]).attr('y2', (e) => at.get(e.to)[1]);
      layer = svg.append('g');
    }
    const chosen = new Map(r.best.sites.map((s) => [s.id, s]));
    const xy = (c) => projection([c.lon, c.lat]);
    const marks = layer.selectAll('path').data(r.candidates).join('path')
      .attr('transform', (c) => `translate(${xy(c)})`)
      .attr('d', (c) => d3.symbol(chosen.has(c.id) ? d3.symbolSquare : d3.symbolCircle, chosen.has(c.id) ? 260 : 90)())
      .attr('fill', (c) => (chosen.has(c.id) ? '#e07b39' : '#fff')).attr('stroke', '#1f2933').attr('stroke-width', 1.2);
    layer.selectAll('text').data(r.candidates).join('text').attr('class', 'label')
      .attr('x', (c) => xy(c)[0] + 9).attr('y', (c) => xy(c)[1] + 12).text((c) => c.id);
    if (RS.tipOn) {
      RS.tipOn(marks, (c) => [`${chosen.has(c.id) ? 'chosen' : 'candidate'} ${c.id}`, [['name', c.name], ['zone', c.zone], ['node', c.node], ['cost', c.cost],
        ['screening min', c.screeningMin], ...(chosen.has(c.id) ? [['docks', chosen.get(c.id).docks], ['local trucks', chosen.get(c.id).localTrucks]] : [])]]);
    }
  }

  function drawTradeoff(container) {
    const rows = r.tradeoff;
    const width = Math.max(300, Math.min(620, container.clientWidth)), height = 240, m = { top: 12, right: 20, bottom: 34, left: 56 };
    const fig = d3.select(container).append('figure').attr('class', 'chart');
    fig.append('h3').text(`${r.objective} by number of stations`);
    const svg = fig.append('svg').attr('width', width).attr('height', height);
    const g = svg.append('g').attr('transform', `translate(${m.left},${m.top})`);
    const w = width - m.left - m.right, h = height - m.top - m.bottom;
    const ks = rows.map((d) => d.k);
    const x = d3.scalePoint().domain(ks).range([0, w]).padding(0.5);
    const lo = (d) => d.mean - (d.half ?? 0), hi = (d) => d.mean + (d.half ?? 0);
    const all = [...rows, ...(r.baseline ? [r.baseline] : [])];
    const y = d3.scaleLinear().domain([Math.min(0, d3.min(all, lo)), d3.max(all, hi) * 1.05 || 1]).nice().range([h, 0]);
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x));
    g.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(5));
    g.append('text').attr('x', w / 2).attr('y', h + 30).attr('text-anchor', 'middle').text('stations (k)');
    if (r.baseline) {
      g.append('line').attr('class', 'threshold').attr('x1', 0).attr('x2', w).attr('y1', y(r.baseline.mean)).attr('y2', y(r.baseline.mean));
      g.append('text').attr('x', w).attr('y', y(r.baseline.mean) - 4).attr('text-anchor', 'end').text('scenario stations');
    }
    g.append('path').datum(rows).attr('class', 'series').attr('stroke', '#2f5d8a').attr('d', d3.line((d) => x(d.k), (d) => y(d.mean)));
    g.selectAll('line.ci').data(rows).join('line').attr('class', 'ci').attr('stroke', '#2f5d8a')
      .attr('x1', (d) => x(d.k)).attr('x2', (d) => x(d.k)).attr('y1', (d) => y(lo(d))).attr('y2', (d) => y(hi(d)));
    const dots = g.selectAll('circle').data(rows).join('circle').attr('r', 4).attr('fill', '#2f5d8a').attr('cx', (d) => x(d.k)).attr('cy', (d) => y(d.mean));
    if (RS.tipOn) RS.tipOn(dots, (d) => [`k = ${d.k} (${d.method})`, [['sites', d.sites.map((s) => s.id).join(', ')], ['mean', d.mean], ['± 95 %', d.half], ['n', d.n]]]);
  }

  function drawTable(container) {
    const rows = [...r.evaluated].sort((a, b) => b.k - a.k || a.mean - b.mean).slice(0, 40);
    const t = d3.select(container).append('table').attr('class', 'sites');
    t.append('tr').selectAll('th').data(['set', 'k', 'cost', 'mean', '± 95 %', 'n', 'lead p95', 'line stop min', 'late share']).join('th').text((d) => d);
    t.selectAll('tr.row').data(rows).join('tr').attr('class', 'row').style('font-weight', (d) => (d.key === r.best.key ? 600 : null))
      .selectAll('td').data((d) => [d.sites.map((s) => `${s.id} (${s.docks}/${s.localTrucks})`).join(', '), d.k, d.cost, d.mean, d.half, d.n,
        d.metrics.leadP95, d.metrics.lineStopMin, d.metrics.lateShare]).join('td').text((v) => (typeof v === 'number' ? fmt(v) : v == null ? '–' : v));
  }
})();
