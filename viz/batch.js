// Batch view: for each metric, every grid point's mean with its confidence interval; and small
// multiples of each swept parameter against lead time (one line per setting of the others).
(function () {
  const RS = window.RS;
  const label = (v) => (typeof v === 'number' ? RS.fmt(v) : String(v));
  // On a phone only the last path segment fits ("lanes=3"); wider, two ("g2-huaqiao.lanes=3").
  const short = (p) => p.split('.').slice(window.innerWidth < 600 ? -1 : -2).join('.');
  /** A grid point named by its swept values ("g2-huaqiao.lanes=3 sh-jiading.docks=8"), not "p4". */
  RS.pointName = (data, r) => data.swept.map((p) => `${short(p)}=${label(r.params[p])}`).join(' ') || r.point;

  /** One metric across grid points: dot = mean, bar = mean ± halfWidth. */
  RS.ciChart = function (parent, data, metric) {
    const rows = data.rows.filter((r) => r.metrics[metric]).map((r) => ({ ...r, name: RS.pointName(data, r) }));
    const c = RS.frame(parent, RS.metricName(metric), { cls: 'ci-chart', height: 44 + 20 * Math.max(1, rows.length), margin: { left: Math.min(parent.clientWidth * 0.45, 20 + 6 * d3.max(rows, (r) => r.name.length)) } });
    const lo = (m) => m.mean - (m.halfWidth || 0), hi = (m) => m.mean + (m.halfWidth || 0);
    let [x0, x1] = [d3.min(rows, (r) => lo(r.metrics[metric])), d3.max(rows, (r) => hi(r.metrics[metric]))];
    // Every point equal with no spread (an on-time share of 100 %): a band around it, not an axis of one tick.
    const share = /Share$|utilization$/i.test(metric);
    if (x0 === x1) {
      // A flat share of 100 % (or 0 %) gets its band on the side a share can reach.
      const d = Math.max(Math.abs(x0) * 0.05, 0.01);
      if (share && x0 >= 1) x0 -= 2 * d; else if (share && x0 <= 0) x1 += 2 * d; else { x0 -= d; x1 += d; }
    }
    const x = d3.scaleLinear().domain([x0, x1]).nice().range([0, c.w]);
    const y = d3.scaleBand().domain(rows.map((r) => r.name)).range([0, c.h]).padding(0.3);
    c.g.append('g').attr('class', 'grid-lines').attr('transform', `translate(0,${c.h})`).call(d3.axisBottom(x).ticks(4).tickSize(-c.h).tickFormat('')).call((g) => g.select('.domain').remove());
    c.g.append('g').attr('class', 'axis').call(d3.axisLeft(y));
    c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`)
      .call(d3.axisBottom(x).ticks(Math.max(3, Math.floor(c.w / 80))).tickFormat(share ? (v) => `${d3.format('~g')(Math.round(v * 1000) / 10)} %` : RS.axisFmt));
    const g = c.g.append('g').selectAll('g').data(rows).join('g').attr('class', 'ci').attr('transform', (r) => `translate(0,${y(r.name) + y.bandwidth() / 2})`);
    g.append('line').attr('x1', (r) => x(lo(r.metrics[metric]))).attr('x2', (r) => x(hi(r.metrics[metric]))).attr('stroke', RS.PALETTE[0]).attr('stroke-width', 2);
    g.append('circle').attr('cx', (r) => x(r.metrics[metric].mean)).attr('r', 3.5).attr('fill', RS.PALETTE[0]);
    const f = RS.metricFormat(metric);
    RS.tipOn(g, (r) => { const m = r.metrics[metric]; return [`${RS.metricName(metric)}: ${r.name}`, [['mean', f(m.mean)], ['± 95 % half-width', m.halfWidth == null ? '–' : f(m.halfWidth)], ['sd', m.sd == null ? '–' : f(m.sd)], ['replications', m.n], ...Object.entries(r.params).map(([k, v]) => [k, label(v)])]]; });
    RS.keys(c.keys, [{ name: 'mean ± CI half-width', color: RS.PALETTE[0] }]);
  };

  /** Swept parameter `p` on x, metric on y; one line per combination of the other swept params. */
  RS.sweepChart = function (parent, data, p, metric) {
    const rows = data.rows.filter((r) => r.metrics[metric] && r.params[p] !== undefined);
    const c = RS.frame(parent, `${RS.metricName(metric)} against ${p}`, { cls: 'sweep-chart', margin: { bottom: 36, left: 52 } });
    const numeric = rows.every((r) => typeof r.params[p] === 'number');
    const xs = [...new Set(rows.map((r) => r.params[p]))];
    // Room on either side, so that the first and last interval bars stand clear of the axes.
    const [e0, e1] = d3.extent(xs), pad = numeric ? (e1 - e0) * 0.08 || 0.5 : 0;
    const x = numeric ? d3.scaleLinear().domain([e0 - pad, e1 + pad]).range([0, c.w]) : d3.scalePoint().domain(xs.map(String)).range([0, c.w]).padding(0.4);
    const xv = (r) => (numeric ? x(r.params[p]) : x(String(r.params[p])));
    const m = (r) => r.metrics[metric];
    const y = d3.scaleLinear().domain([d3.min(rows, (r) => m(r).mean - (m(r).halfWidth || 0)), d3.max(rows, (r) => m(r).mean + (m(r).halfWidth || 0))]).nice().range([c.h, 0]);
    RS.yAxis(c.g, y, c.w);
    c.g.append('g').attr('class', 'axis').attr('transform', `translate(0,${c.h})`)
      .call(numeric && xs.length <= 12 ? d3.axisBottom(x).tickValues(xs).tickFormat(RS.axisFmt)
        : numeric ? d3.axisBottom(x).ticks(Math.max(3, Math.floor(c.w / 80))).tickFormat(RS.axisFmt) : d3.axisBottom(x));
    const others = data.swept.filter((q) => q !== p);
    const key = (r) => others.map((q) => `${q}=${label(r.params[q])}`).join(', ') || metric;
    const groups = d3.groups(rows, key).map(([name, rs]) => ({ name, rs: rs.slice().sort((a, b) => xv(a) - xv(b)) }));
    const color = (i) => RS.PALETTE[i % RS.PALETTE.length];
    c.g.append('g').selectAll('path').data(groups).join('path').attr('class', 'series').attr('stroke', (gr, i) => color(i))
      .attr('d', (gr) => d3.line().x(xv).y((r) => y(m(r).mean))(gr.rs));
    groups.forEach((gr, i) => {
      const pts = c.g.append('g').selectAll('g').data(gr.rs).join('g').attr('transform', (r) => `translate(${xv(r)},0)`);
      pts.append('line').attr('y1', (r) => y(m(r).mean - (m(r).halfWidth || 0))).attr('y2', (r) => y(m(r).mean + (m(r).halfWidth || 0))).attr('stroke', color(i)).attr('stroke-width', 1.5);
      pts.append('circle').attr('cy', (r) => y(m(r).mean)).attr('r', 3.2).attr('fill', color(i));
      RS.tipOn(pts, (r) => [r.point, [[p, label(r.params[p])], ['mean', m(r).mean], ['± half-width', m(r).halfWidth], ['n', m(r).n]]]);
    });
    RS.axisTitles(c, p, RS.metricName(metric));
    RS.keys(c.keys, groups.length > 1 ? groups.map((gr, i) => ({ name: gr.name, color: color(i) })) : [{ name: 'mean ± CI half-width', color: color(0) }]);
  };

  RS.batchSection = function (data) {
    const sweeps = document.getElementById('batch-sweeps');
    if (data.leadMetric) for (const p of data.swept) RS.sweepChart(sweeps, data, p, data.leadMetric);
    const metrics = document.getElementById('batch-metrics');
    for (const metric of data.metrics) RS.ciChart(metrics, data, metric);
    // The numbers behind the charts, one row per metric, one column per grid point.
    if (data.rows.length) {
      const fig = d3.select(metrics).append('figure').attr('class', 'chart numbers');
      fig.append('h3').text('All metrics: mean ± 95 % half-width (n)');
      const t = fig.append('table').attr('class', 'data').attr('data-name', 'batch-metrics');
      t.append('thead').append('tr').selectAll('th').data(['metric', ...data.rows.map((r) => RS.pointName(data, r))]).join('th').text((d) => d);
      t.append('tbody').selectAll('tr').data(data.metrics).join('tr').selectAll('td').data((m) => [RS.metricName(m), ...data.rows.map((r) => {
        const x = r.metrics[m];
        if (!x) return '–';
        const f = RS.metricFormat(m);
        return `${f === RS.dur ? RS.durPm(x.mean, x.halfWidth) : `${f(x.mean)} ± ${x.halfWidth == null ? '–' : f(x.halfWidth)}`} (${x.n})`;
      })]).join('td').text((d) => d);
    }
    if (!data.rows.length) d3.select(metrics).append('p').attr('class', 'empty').text('batch.json has no grid points.');
  };
})();
