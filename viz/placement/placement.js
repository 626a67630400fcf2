// The placement page: headline, the map of candidates, chosen sites and their catchments, the
// chosen sites' sizes, the k trade-off and the ranked sets. Every name from the scenario is set as
// text (d3 .text or the tooltip's escaping), never as markup.
(function () {
  const RS = window.RS;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  RS.data = data;
  const r = data.result;
  const clock = RS.clock(data.meta);
  const OBJ = {
    'lead-p95': ['p95 lead time', 'min'], 'lead-mean': ['mean lead time', 'min'], 'line-stop': ['factory line stop', 'min'], 'late-share': ['late share', ''],
  };
  const [objName, objUnit] = OBJ[r.objective] || [r.objective, ''];
  const fmtObj = (v) => (v == null ? '–' : objUnit === 'min' ? RS.dur(v) : r.objective === 'late-share' ? RS.pct(v) : RS.fmt(v));
  const half = (v) => (v == null ? '∞' : objUnit === 'min' ? RS.dur(v) : r.objective === 'late-share' ? `${d3.format('.1f')(v * 100)} points` : RS.fmt(v));
  const pm = (mean, h) => (objUnit === 'min' ? RS.durPm(mean, h) : `${fmtObj(mean)} ± ${half(h)}`);
  const signed = (mean, h) => `${mean > 0 ? '+' : mean < 0 ? '−' : ''}${pm(Math.abs(mean), h)}`;
  const cand = new Map(r.candidates.map((c) => [c.id, c]));
  const siteName = (id) => (cand.get(id) && cand.get(id).name) || id;
  const setName = (s) => s.sites.map((x) => x.id).join(' + ');

  // ---- header
  document.title = `Station placement: ${data.meta.title || r.scenario}`;
  d3.select('#title').text(`Station placement: ${data.meta.title || r.scenario}`);
  const meta = [['scenario', r.scenario], ['objective', `${objName} (${r.objective})`], ['k', `${r.k}`], ['replications', `${r.reps}`], ['seed', `${r.seed}`],
    ['search', r.method], ['sets evaluated', RS.fmt(r.evaluated.length)], ...(r.budget != null ? [['budget', RS.fmt(r.budget)]] : []), ...(r.size ? [['sizes', 'chosen too (--size)']] : [])];
  d3.select('#meta').selectAll('span.item').data(meta).join('span').attr('class', 'item').text((d) => `${d[0]} `).append('code').text((d) => d[1]);
  const v = r.baseline && r.baseline.vsBest;
  const cards = [
    { k: `Best set, k = ${r.k}`, v: pm(r.best.mean, r.best.half), s: `${objName}: ${r.best.sites.map((x) => x.id).join(', ')}` },
    { k: 'Runner-up − best', v: r.margin ? signed(r.margin.mean, r.margin.half) : '–', s: r.margin ? `paired, n = ${r.margin.n}: ${r.margin.significant ? 'significant' : 'not significant'}` : 'no runner-up' },
    { k: `Best − scenario stations${v ? ` (k = ${v.k})` : ''}`, v: v ? signed(v.mean, v.half) : '–', s: v ? `paired, n = ${v.n}: ${v.significant ? (v.mean < 0 ? 'significantly better' : 'significantly worse') : 'not significant'}` : r.baseline ? r.baseline.note : 'the scenario has no stations', bad: v && v.significant && v.mean > 0 },
    { k: 'Ties', v: RS.fmt(r.ties.length), s: r.ties.length ? 'sets with exactly the same runs as the best' : 'no other set gave the same runs' },
  ];
  const c = d3.select('#headline').selectAll('div.card').data(cards).join('div').attr('class', (d) => `card ${d.bad ? 'bad' : ''}`);
  c.append('div').attr('class', 'k').text((d) => d.k);
  c.append('div').attr('class', 'v').text((d) => d.v).attr('title', (d) => d.v);
  c.append('div').attr('class', 's').text((d) => d.s);
  const notes = [];
  if (r.baseline && !v) notes.push(`Scenario stations: ${r.baseline.note}.`);
  d3.select('#notes-section').attr('hidden', notes.length ? null : true);
  d3.select('#notes').selectAll('li').data(notes).join('li').text((d) => d);

  const siteColor = d3.scaleOrdinal(RS.PALETTE).domain(r.best.sites.map((s) => s.id));

  function drawAll() {
    drawMap();
    drawSites(document.getElementById('sites'));
    d3.select('#tradeoff').html('');
    drawTradeoff(document.getElementById('tradeoff'));
    d3.select('#sets').html('');
    drawTable(document.getElementById('sets'));
    RS.addExports();
  }

  // ---- map
  function drawMap() {
    const chosen = new Map(r.best.sites.map((s) => [s.id, s]));
    const loads = d3.rollup(data.catchments, (v) => d3.sum(v, (d) => d.loadsPerHour), (d) => d.site);
    const byNode = new Map(data.map.nodes.map((n) => [n.id, n]));
    const extraLabels = r.candidates.map((c) => ({ id: c.id, text: c.id, lon: c.lon, lat: c.lat, r: chosen.has(c.id) ? 10 : 6, rank: chosen.has(c.id) ? 0 : 2, cls: `label site ${chosen.has(c.id) ? 'chosen' : 'candidate'}` }));
    const overlay = (root, cx) => {
      const g = root.append('g').attr('class', 'catchments');
      const lines = data.catchments.filter((d) => byNode.has(d.from) && cand.has(d.site));
      g.selectAll('path').data(lines).join('path').attr('class', 'catchment')
        .attr('d', (d) => { const a = cx.xy(byNode.get(d.from).lon, byNode.get(d.from).lat), b = cx.xy(cand.get(d.site).lon, cand.get(d.site).lat); return `M${a}L${b}`; })
        .attr('stroke', (d) => siteColor(d.site)).attr('stroke-width', (d) => 1 + Math.sqrt(d.loadsPerHour) * 1.5)
        .call((s) => RS.tipOn(s, (d) => [`${d.demand} relays at ${d.site}`, [['from', byNode.get(d.from).name], ['to', (byNode.get(d.to) || { name: d.to }).name], ['loads that relay', `${RS.fmt(d.loadsPerHour)} /h`]]]));
      const ms = root.append('g').attr('class', 'candidates').selectAll('path').data([...r.candidates].sort((a, b) => chosen.has(a.id) - chosen.has(b.id))).join('path')
        .attr('class', (c) => `obstacle ${chosen.has(c.id) ? 'chosen-site' : 'candidate-site'}`).attr('data-id', (c) => c.id)
        .attr('d', (c) => d3.symbol(chosen.has(c.id) ? d3.symbolSquare : d3.symbolCircle, chosen.has(c.id) ? 240 : 80)())
        .attr('fill', (c) => (chosen.has(c.id) ? siteColor(c.id) : '#fff'));
      const place = (k) => ms.attr('transform', (c) => `translate(${cx.xy(c.lon, c.lat)}) scale(${1 / k})`);
      place(1);
      RS.tipOn(ms, (c) => {
        const ch = chosen.get(c.id);
        return [`${ch ? 'Chosen site' : 'Candidate'} ${c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id}`, [
          ['zone', c.zone], ['node', c.node], ...(ch ? [['docks', RS.fmt(ch.docks)], ['local trucks', RS.fmt(ch.localTrucks)], ['relayed loads', `${RS.fmt(loads.get(c.id) || 0)} /h`]] : []),
          ['site cost', RS.fmt(c.cost)], ['screening', c.screeningMin == null ? 'no relayed stream reaches it' : `${RS.dur(c.screeningMin)} origin → site → destination`],
        ]];
      });
      return place;
    };
    // Frame the candidates and the zones that need a station; long streams run off the edge.
    const need = new Set(r.candidates.map((c) => c.zone));
    const fitTo = r.candidates.map((c) => [c.lon, c.lat]);
    for (const z of data.map.zones.filter((z) => need.has(z.id))) { const f = RS.mapLayers.zoneFeature(z); if (f) fitTo.push(...d3.geoBounds(f)); }
    // A placement has no traffic of its own: a road's tooltip gives its length and speed, not "trucks 0".
    const api = RS.drawMap(document.getElementById('map'), data.map, { clock, overlay, extraLabels, fitTo, roadRows: () => [] });
    RS.mapLegend(document.getElementById('map-legend'), data.map, api, { roads: false, wait: false, trucks: false });
    const legend = d3.select('#map-legend');
    const item = (label, draw) => { const sp = legend.append('span'); const s = sp.append('svg').attr('width', 20).attr('height', 18); draw(s); sp.append('span').text(` ${label}`); };
    item('chosen site', (s) => s.append('path').attr('transform', 'translate(10,9)').attr('d', d3.symbol(d3.symbolSquare, 110)()).attr('fill', RS.PALETTE[0]).attr('stroke', '#1f2933'));
    item('candidate', (s) => s.append('path').attr('transform', 'translate(10,9)').attr('d', d3.symbol(d3.symbolCircle, 70)()).attr('fill', '#fff').attr('stroke', '#1f2933'));
    item('stream relayed at a site (width: loads/h)', (s) => s.append('path').attr('d', 'M2,9L18,9').attr('stroke', RS.PALETTE[1]).attr('stroke-width', 3));
  }

  // ---- chosen sites and their sizes; the scenario's stations
  function drawSites(container) {
    const el = d3.select(container).html('');
    const loads = d3.rollup(data.catchments, (v) => d3.sum(v, (d) => d.loadsPerHour), (d) => d.site);
    const block = (title, head, rows, name, full) => {
      const b = el.append('div').attr('class', 'sites-block');
      b.append('h3').text(title);
      const t = b.append('table').attr('class', 'sites').attr('data-name', name);
      t.append('thead').append('tr').selectAll('th').data(head).join('th').text((d) => d);
      t.append('tbody').selectAll('tr').data(rows).join('tr').selectAll('td').data((d) => d).join('td').text((d) => d);
      // The full name under the id, as text.
      t.selectAll('tbody tr').each(function (d, i) { const td = d3.select(this).select('td'); td.append('br'); td.append('small').text(full[i]); });
      return t;
    };
    const chosenRows = r.best.sites.map((s) => [s.id, RS.fmt(s.docks), RS.fmt(s.localTrucks), `${RS.fmt(loads.get(s.id) || 0)}`]);
    const t = block(`Chosen sites, k = ${r.k}${r.size ? ' (sizes chosen)' : ''}`, ['site', 'docks', 'local trucks', 'relayed loads/h'], chosenRows, 'chosen-sites', r.best.sites.map((s) => `${s.zone} · ${siteName(s.id)}`));
    t.selectAll('tbody tr td:first-child').style('border-left', (d, i) => `4px solid ${siteColor(r.best.sites[i].id)}`);
    if (data.baselineStations.length) {
      block('The scenario\'s own stations', ['station', 'docks', 'local trucks'],
        data.baselineStations.map((s) => [s.id, RS.fmt(s.docks), RS.fmt(s.localTrucks)]), 'scenario-stations', data.baselineStations.map((s) => `${s.zone} · ${s.name}`));
    }
  }

  // ---- k against the objective
  function drawTradeoff(container) {
    const rows = r.tradeoff;
    const all = [...rows, ...(r.baseline ? [r.baseline] : [])];
    const c = RS.frame(container, `${objName} by number of stations (k)`, { cls: 'chart-tradeoff', height: 260, margin: { left: 64, bottom: 40 } });
    const ks = [...new Set(all.map((d) => d.k))].sort((a, b) => a - b);
    const x = d3.scalePoint().domain(ks).range([0, c.w]).padding(0.5);
    // Every objective is >= 0: an interval reaching below zero is cut at the axis.
    const lo = (d) => Math.max(0, d.mean - (d.half ?? 0)), hi = (d) => d.mean + (d.half ?? 0);
    const y = d3.scaleLinear().domain([0, d3.max(all, hi) * 1.05 || 1]).nice().range([c.h, 0]);
    const yTicks = objUnit === 'min' ? RS.durTicks(y.domain()[1], 5) : null;
    c.g.append('g').attr('class', 'grid-lines').call(d3.axisLeft(y).tickValues(yTicks ? yTicks[0] : null).ticks(5).tickSize(-c.w).tickFormat('')).call((s) => s.select('.domain').remove());
    c.g.append('g').attr('class', 'axis').call(d3.axisLeft(y).tickValues(yTicks ? yTicks[0] : null).ticks(5).tickFormat(yTicks ? yTicks[1] : r.objective === 'late-share' ? d3.format('.0%') : RS.axisFmt));
    c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`).call(d3.axisBottom(x).tickFormat((k) => `k = ${k}`));
    RS.axisTitles(c, 'stations (k)', objName); // the ticks carry the unit (min, h or d)
    const color = RS.PALETTE[0];
    c.g.append('path').datum(rows).attr('class', 'series').attr('stroke', color).attr('d', d3.line((d) => x(d.k), (d) => y(d.mean)));
    const pts = c.g.append('g').selectAll('g').data(rows).join('g').attr('class', 'k-point').attr('transform', (d) => `translate(${x(d.k)},0)`);
    pts.append('line').attr('y1', (d) => y(lo(d))).attr('y2', (d) => y(hi(d))).attr('stroke', color).attr('stroke-width', 2);
    pts.append('circle').attr('cy', (d) => y(d.mean)).attr('r', 4.5).attr('fill', color);
    RS.tipOn(pts, (d) => [`Best set with k = ${d.k} (${d.method})`, [['stations', setName(d)], [objName, pm(d.mean, d.half)], ['replications', d.n]]]);
    const keys = [{ name: 'best set per k, mean ± 95 % interval', color }];
    if (r.baseline) {
      const b = r.baseline, bx = x(b.k) + 10;
      const g = c.g.append('g').attr('class', 'baseline-point').attr('transform', `translate(${bx},0)`);
      g.append('line').attr('y1', y(lo(b))).attr('y2', y(hi(b))).attr('stroke', RS.PALETTE[1]).attr('stroke-width', 2);
      g.append('path').attr('transform', `translate(0,${y(b.mean)})`).attr('d', d3.symbol(d3.symbolDiamond, 70)()).attr('fill', RS.PALETTE[1]);
      RS.tipOn(g, () => [`The scenario's own stations (k = ${b.k})`, [['stations', setName(b)], [objName, pm(b.mean, b.half)], ['replications', b.n],
        ...(b.vsBest ? [['best − these', `${signed(b.vsBest.mean, b.vsBest.half)} (${b.vsBest.significant ? 'significant' : 'not significant'})`]] : [])]]);
      keys.push({ name: 'scenario stations', color: RS.PALETTE[1] });
    }
    RS.keys(c.keys, keys);
    // The numbers beside the chart.
    const t = d3.select(container).append('figure').attr('class', 'chart numbers').append('table').attr('class', 'data left2').attr('data-name', 'tradeoff');
    t.append('thead').append('tr').selectAll('th').data(['k', 'best set', `${objName}`, 'n']).join('th').text((d) => d);
    const body = [...rows.map((d) => [`${d.k}`, setName(d), pm(d.mean, d.half), `${d.n}`]), ...(r.baseline ? [[`${r.baseline.k}`, `scenario stations: ${setName(r.baseline)}`, pm(r.baseline.mean, r.baseline.half), `${r.baseline.n}`]] : [])];
    t.append('tbody').selectAll('tr').data(body).join('tr').selectAll('td').data((d) => d).join('td').text((d) => d);
  }

  // ---- ranked sets
  function drawTable(container) {
    const perK = d3.groups(r.evaluated, (d) => d.k).sort((a, b) => b[0] - a[0]);
    const rows = [];
    for (const [k, list] of perK) {
      const sorted = list.filter((d) => d.n >= r.reps || d.key === r.best.key).sort((a, b) => a.mean - b.mean || a.cost - b.cost);
      let rank = 0, prev = null;
      sorted.slice(0, k === r.k ? 15 : 3).forEach((d, i) => {
        // Equal objective means share a rank (sets whose runs came out the same, told apart only by the tie-breaks).
        const tie = prev && d.mean === prev.mean;
        if (!tie) rank = i + 1;
        rows.push({ d, rank, tie: false });
        prev = d;
      });
    }
    const counts = d3.rollup(rows, (v) => v.length, (x) => `${x.d.k}|${x.rank}`);
    for (const x of rows) x.tie = counts.get(`${x.d.k}|${x.rank}`) > 1;
    const t = d3.select(container).append('table').attr('class', 'data ranked').attr('data-name', 'ranked-sets');
    t.append('thead').append('tr').selectAll('th')
      .data(['k', 'rank', 'stations (docks / local trucks)', 'cost', `${objName} ± 95 %`, 'n', 'p95 lead', 'mean lead', 'line stop', 'late share']).join('th').text((d) => d);
    const tr = t.append('tbody').selectAll('tr').data(rows).join('tr').classed('best', (x) => x.d.key === r.best.key).classed('tie', (x) => x.tie);
    tr.selectAll('td').data((x) => [
      `${x.d.k}`, `${x.rank}${x.tie ? ' (tie)' : ''}`,
      x.d.sites.map((s) => `${s.id} (${s.docks}/${s.localTrucks})`).join(', '),
      RS.fmt(x.d.cost), pm(x.d.mean, x.d.half), `${x.d.n}`,
      RS.dur(x.d.metrics.leadP95), RS.dur(x.d.metrics.leadMean), RS.dur(x.d.metrics.lineStopMin), RS.pct(x.d.metrics.lateShare),
    ]).join('td').text((v) => v);
    tr.select('td:nth-child(3)').attr('title', (x) => x.d.sites.map((s) => siteName(s.id)).join('; '));
  }

  drawAll();
  let width = window.innerWidth, pending = null;
  window.addEventListener('resize', () => {
    if (Math.abs(window.innerWidth - width) < 40) return;
    clearTimeout(pending);
    pending = setTimeout(() => { width = window.innerWidth; drawAll(); }, 200);
  });
  document.documentElement.dataset.ready = 'true';
})();
