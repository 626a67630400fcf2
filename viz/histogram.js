// Distributions: lead time by priority class (one row per class, shared axis, on-time threshold
// marked) and station dwell (histogram from the trace, or mean dwell per station without one).
(function () {
  const RS = window.RS;

  /** opts: {title, binWidth, rows: [{name, counts, overflow}], thresholds: [{value, label}], xLabel} */
  RS.histChart = function (parent, opts) {
    const rows = opts.rows.filter((r) => r.counts.length || r.overflow);
    const rowH = rows.length > 1 ? 92 : 150;
    const c = RS.frame(parent, opts.title, { cls: opts.cls, height: 18 + 38 + rowH * Math.max(1, rows.length), margin: { top: 18, bottom: 38 } });
    if (!rows.length) { c.g.append('text').attr('y', 20).text('no values'); return c; }
    const bins = d3.max(rows, (r) => r.counts.length + (r.overflow ? 1 : 0));
    const top = Math.max(bins * opts.binWidth, d3.max(opts.thresholds || [], (d) => d.value * 1.05) || 0);
    const x = d3.scaleLinear().domain([0, top]).range([0, c.w]);
    const band = d3.scaleBand().domain(rows.map((r) => r.name)).range([0, c.h]).paddingInner(0.22);
    rows.forEach((r, i) => {
      const g = c.g.append('g').attr('class', 'series hist-row').attr('transform', `translate(0,${band(r.name)})`);
      const values = r.overflow ? r.counts.concat([r.overflow]) : r.counts;
      const y = d3.scaleLinear().domain([0, d3.max(values) || 1]).nice().range([band.bandwidth(), 0]);
      g.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(3).tickFormat(d3.format('~s')));
      const color = RS.PALETTE[i % RS.PALETTE.length];
      const bars = g.selectAll('rect').data(values.map((v, j) => ({ v, j }))).join('rect').attr('class', 'bar')
        .attr('x', (d) => x(d.j * opts.binWidth) + 0.5).attr('width', Math.max(0.5, x(opts.binWidth) - x(0) - 1))
        .attr('y', (d) => y(d.v)).attr('height', (d) => band.bandwidth() - y(d.v))
        .attr('fill', color).attr('fill-opacity', (d) => (r.overflow && d.j === values.length - 1 ? 0.45 : 0.85));
      const n = d3.sum(values);
      RS.tipOn(bars, ({ v, j }) => {
        const last = r.overflow && j === values.length - 1;
        const range = last ? `≥ ${RS.dur(j * opts.binWidth)}` : `${RS.dur(j * opts.binWidth)} – ${RS.dur((j + 1) * opts.binWidth)}`;
        return [`${r.name}: ${range}`, [['count', v], ['share', RS.pct(n ? v / n : 0)]]];
      });
      g.append('text').attr('x', 4).attr('y', -4).style('font-weight', 600).style('fill', color)
        .text(`${r.name} · n = ${RS.fmt(n)}${r.overflow ? ` · last bar: ≥ ${RS.dur(r.counts.length * opts.binWidth)}` : ''}`);
      for (const th of (opts.thresholds || []).filter((d) => !d.row || d.row === r.name)) {
        g.append('line').attr('class', 'threshold').attr('x1', x(th.value)).attr('x2', x(th.value)).attr('y1', 0).attr('y2', band.bandwidth());
        // Near the right edge the label goes on the line's left, so that it is not cut off.
        const right = x(th.value) > c.w * 0.8;
        g.append('text').attr('class', 'label').attr('x', x(th.value) + (right ? -3 : 3)).attr('y', 10).attr('text-anchor', right ? 'end' : 'start').style('fill', '#c0392b').text(th.label);
      }
    });
    const xa = c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`)
      .call((a) => { const [values, format] = RS.durTicks(top, Math.max(3, Math.floor(c.w / 80))); a.call(d3.axisBottom(x).tickValues(values).tickFormat(format)); });
    xa.append('text').attr('class', 'axis-title').attr('x', c.w).attr('y', 34).attr('text-anchor', 'end').text(opts.xLabel || ''); // below the tick labels
    c.g.append('text').attr('class', 'axis-title').attr('transform', `translate(${8 - c.margin.left},${c.h / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('shipments per bar');
    RS.keys(c.keys, rows.map((r, i) => ({ name: r.name, color: RS.PALETTE[i % RS.PALETTE.length] }))
      .concat((opts.thresholds || []).length ? [{ name: 'on-time threshold (due)', color: '#c0392b' }] : []));
    return c;
  };

  /** Horizontal bars, one per item: [{name, value}]. */
  RS.barList = function (parent, title, items, fmt) {
    const c = RS.frame(parent, title, { height: 40 + 26 * Math.max(1, items.length), margin: { left: 110 } });
    const x = d3.scaleLinear().domain([0, d3.max(items, (d) => d.value) || 1]).nice().range([0, c.w]);
    const y = d3.scaleBand().domain(items.map((d) => d.name)).range([0, c.h]).padding(0.25);
    c.g.append('g').attr('class', 'axis').call(d3.axisLeft(y));
    c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`).call(d3.axisBottom(x).ticks(4).tickFormat((v) => fmt(v)));
    c.g.append('g').attr('class', 'series').selectAll('rect').data(items).join('rect').attr('class', 'bar')
      .attr('y', (d) => y(d.name)).attr('height', y.bandwidth()).attr('width', (d) => x(d.value)).attr('fill', RS.PALETTE[0])
      .call((s) => RS.tipOn(s, (d) => [d.name, [['value', fmt(d.value)]]]));
    return c;
  };

  RS.distSection = function (container, data) {
    const el = d3.select(container).html('');
    const lead = data.dist.lead;
    const rows = Object.entries(lead.classes).map(([name, h]) => ({ name, counts: h.counts, overflow: h.overflow }));
    const due = new Map();
    for (const d of lead.due || []) due.set(`${d.priority}|${d.dueMin}`, { row: d.priority, value: d.dueMin, label: `due ${RS.dur(d.dueMin)}` });
    RS.histChart(el.node(), { title: 'Lead time by priority class (delivered, after warm-up)', binWidth: lead.binWidth, rows, thresholds: [...due.values()], xLabel: `lead time (bars of ${RS.dur(lead.binWidth)})`, cls: 'chart-lead' });
    const dw = data.dist.dwell;
    if (dw) {
      RS.histChart(el.node(), { title: 'Station dwell (arrival to local departure, from the trace)', binWidth: dw.binWidth, rows: [{ name: 'all stations', counts: dw.counts, overflow: dw.overflow }], xLabel: 'dwell', cls: 'chart-dwell' });
    } else {
      const items = Object.entries(data.dist.meanDwell || {}).filter(([, v]) => v != null && v > 0).map(([name, value]) => ({ name, value }));
      if (items.length) RS.barList(el.node(), 'Mean station dwell (run without --trace: no distribution)', items, RS.dur);
    }
  };
})();
