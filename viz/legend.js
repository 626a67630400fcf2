// The map legend: road width, wait colours, mark shapes, zone rules, closures, trucks.
(function () {
  const RS = window.RS;

  function item(parent, label, draw, w = 34, h = 18) {
    const span = parent.append('span');
    const svg = span.append('svg').attr('width', w).attr('height', h);
    draw(svg, w, h);
    span.append('span').text(` ${label}`);
  }

  /** opts: {roads: false} leaves out road widths, {wait: false} the wait colours (a page without a run). */
  RS.mapLegend = function (container, map, api, opts = {}) {
    const el = d3.select(container).html('');
    const maxTrucks = d3.max(map.edges, (e) => e.trucks) || 0;
    if (opts.roads !== false) item(el, `road: 0 … ${RS.fmt(maxTrucks)} trucks`, (s, w, h) => {
      s.append('path').attr('d', `M2,${h / 2}L${w / 2},${h / 2}`).attr('stroke', '#c3ccd6').attr('stroke-width', 1.5);
      s.append('path').attr('d', `M${w / 2 + 2},${h / 2}L${w - 2},${h / 2}`).attr('stroke', '#4a78a8').attr('stroke-width', 7);
    });
    const [, hi] = api.color.domain();
    const gradId = 'wait-grad';
    if (opts.wait !== false) item(el, `mean wait 0 … ${RS.dur(hi)}`, (s, w, h) => {
      const g = s.append('defs').append('linearGradient').attr('id', gradId);
      d3.range(0, 1.01, 0.25).forEach((t) => g.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', api.color(t * hi)));
      s.append('rect').attr('x', 1).attr('y', 4).attr('width', w - 2).attr('height', h - 8).attr('fill', `url(#${gradId})`);
    }, 60);
    const sym = (type, fill, size = 90) => (s, w, h) => s.append('path').attr('transform', `translate(${w / 2},${h / 2})`)
      .attr('d', d3.symbol(type, size)()).attr('fill', fill).attr('stroke', '#1f2933');
    if (map.checkpoints.length) item(el, 'checkpoint (size: trucks served)', sym(d3.symbolDiamond, '#fdd49e'), 18);
    if (map.stations.length) item(el, 'transfer station (size: transfers)', sym(d3.symbolSquare, '#fdd49e'), 18);
    if (map.factories.length) item(el, 'factory (red: line stopped)', sym(d3.symbolTriangle, '#3c9d5d', 70), 18);
    for (const rule of [...new Set(map.zones.map((z) => z.rule))]) {
      item(el, `zone ${rule}`, (s, w, h) => s.append('rect').attr('x', 1).attr('y', 2).attr('width', w - 2).attr('height', h - 4)
        .attr('fill', RS.RULE_COLORS[rule]).attr('fill-opacity', 0.25).attr('stroke', RS.RULE_COLORS[rule]).attr('stroke-dasharray', '4 3'), 22);
    }
    if (map.closures.length) item(el, 'closure (bold while in force)', (s, w, h) => s.append('path').attr('d', `M2,${h / 2}L${w - 2},${h / 2}`).attr('class', 'closure'));
    if (opts.trucks !== false) item(el, 'truck driving / waiting', (s, w, h) => {
      s.append('circle').attr('class', 'truck').attr('cx', 8).attr('cy', h / 2).attr('r', 3.5);
      s.append('circle').attr('class', 'truck waiting').attr('cx', 20).attr('cy', h / 2).attr('r', 3.5);
    }, 28);
  };
})();
