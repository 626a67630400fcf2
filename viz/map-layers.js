// The map's layers, one function each: zones, roads, closures, nodes, site marks, labels.
// Each takes a <g> and a context {map, xy, nodeXY, byId, path, width} and returns its selection.
(function () {
  const RS = window.RS;
  const L = (RS.mapLayers = {});

  /** GeoJSON rings may wind either way; d3-geo wants the small area (clockwise) one. */
  function zoneFeature(z) {
    let g = z.polygon && z.polygon.type === 'Feature' ? z.polygon.geometry : z.polygon;
    if (Array.isArray(g)) g = { type: 'Polygon', coordinates: g };
    if (!g || !g.coordinates) return null;
    const f = { type: 'Feature', geometry: g };
    if (d3.geoArea(f) > 2 * Math.PI) {
      const rev = (poly) => poly.map((ring) => ring.slice().reverse());
      f.geometry = { type: g.type, coordinates: g.type === 'Polygon' ? rev(g.coordinates) : g.coordinates.map(rev) };
    }
    return f;
  }

  L.zones = (g, cx) => {
    const zones = cx.map.zones.map((z) => ({ ...z, f: zoneFeature(z) })).filter((z) => z.f);
    const sel = g.selectAll('path').data(zones).join('path').attr('class', 'zone').attr('d', (z) => cx.path(z.f))
      .attr('fill', (z) => RS.RULE_COLORS[z.rule]).attr('fill-opacity', 0.12).attr('stroke', (z) => RS.RULE_COLORS[z.rule]);
    return RS.tipOn(sel, (z) => [`Zone ${z.id}`, z.controls.map((c) => [`${c.rule}`, RS.span(c.fromMin, c.toMin)])]);
  };

  L.roads = (g, cx) => {
    const { map, nodeXY } = cx;
    const widthOf = d3.scaleSqrt().domain([0, d3.max(map.edges, (e) => e.trucks) || 1]).range([1.2, cx.width < 500 ? 9 : 14]);
    const sel = g.selectAll('path').data(map.edges).join('path').attr('class', 'road')
      .attr('d', (e) => `M${nodeXY[e.a]}L${nodeXY[e.b]}`)
      .attr('stroke', (e) => (e.trucks > 0 ? '#4a78a8' : '#c3ccd6')).attr('stroke-opacity', 0.75)
      .attr('stroke-width', (e) => widthOf(e.trucks));
    return RS.tipOn(sel, (e) => [`${map.nodes[e.a].name} → ${map.nodes[e.b].name}`,
      [['trucks', e.trucks], ['km', e.km], ['speed km/h', e.speedKmh], ['one-way', e.oneway ? 'yes' : 'no']]]);
  };

  /** Edge closures as dashed red lines, node closures as red rings; returns [edges, nodes]. */
  L.closures = (g, cx) => {
    const { map, nodeXY, byId } = cx;
    const when = (c) => [['closed', RS.span(c.fromMin, c.toMin)]];
    const edges = map.closures.filter((c) => Array.isArray(c.edge) && byId.has(c.edge[0]) && byId.has(c.edge[1]));
    const nodes = map.closures.filter((c) => c.node != null && byId.has(c.node));
    const ce = g.selectAll('path.closure').data(edges).join('path').attr('class', 'closure')
      .attr('d', (c) => `M${nodeXY[byId.get(c.edge[0])]}L${nodeXY[byId.get(c.edge[1])]}`);
    const cn = g.selectAll('circle.closure-node').data(nodes).join('circle').attr('class', 'closure-node').attr('r', 9)
      .attr('cx', (c) => nodeXY[byId.get(c.node)][0]).attr('cy', (c) => nodeXY[byId.get(c.node)][1]);
    return [RS.tipOn(ce, (c) => [`Closure ${c.edge.join(' – ')}`, when(c)]), RS.tipOn(cn, (c) => [`Closure at ${c.node}`, when(c)])];
  };

  L.nodes = (g, cx) => g.selectAll('circle').data(cx.map.nodes).join('circle').attr('class', 'node').attr('r', 2.2)
    .attr('cx', (n, i) => cx.nodeXY[i][0]).attr('cy', (n, i) => cx.nodeXY[i][1])
    .call((s) => RS.tipOn(s, (n) => [n.name, [['id', n.id], ['lon', n.lon], ['lat', n.lat]]]));

  /** Checkpoints, stations (sized by load, coloured by mean wait) and factories; returns the wait colour scale. */
  L.marks = (g, cx) => {
    const { map, xy } = cx;
    const sites = [...map.checkpoints, ...map.stations];
    const color = d3.scaleSequential(d3.interpolateYlOrRd).domain([0, Math.max(1, d3.max(sites, (m) => m.wait || 0) || 1)]);
    const area = d3.scaleLinear().domain([0, d3.max(sites, (m) => m.load) || 1]).range([40, cx.width < 500 ? 360 : 700]);
    const draw = (list, cls, type, fill) => {
      const s = g.selectAll(`path.${cls}`).data(list).join('path').attr('class', cls)
        .attr('transform', (m) => `translate(${xy(m.lon, m.lat)})`)
        .attr('d', (m) => d3.symbol(type, cls === 'mark-factory' ? 110 : area(m.load))())
        .attr('fill', fill);
      RS.tipOn(s, (m) => [`${cls.slice(5)} ${m.id}`, Object.entries(m.figures)]);
    };
    draw(map.factories, 'mark-factory', d3.symbolTriangle, (m) => ((m.figures.lineStopMin || 0) > 0 ? '#e74c3c' : '#3c9d5d'));
    draw(map.stations, 'mark-station', d3.symbolSquare, (m) => color(m.wait || 0));
    draw(map.checkpoints, 'mark-checkpoint', d3.symbolDiamond, (m) => color(m.wait || 0));
    return color;
  };

  L.labels = (g, cx) => {
    const { map, xy, width } = cx;
    const right = (m) => xy(m.lon, m.lat)[0] > width - 100; // near the right edge: label on the left
    const labelled = [...map.checkpoints, ...map.stations, ...map.factories.map((m) => ({ ...m, minor: true }))];
    return g.selectAll('text').data(labelled).join('text').attr('class', (m) => `label ${m.minor ? 'minor' : ''}`)
      .attr('text-anchor', (m) => (right(m) ? 'end' : 'start'))
      .attr('x', (m) => xy(m.lon, m.lat)[0] + (right(m) ? -9 : 9)).attr('y', (m) => xy(m.lon, m.lat)[1] - 7).text((m) => m.id);
  };

  /** Hide labels that would overlap one drawn before them (marks with more load come first). */
  L.declutter = (labels) => {
    const placed = [];
    const order = labels.nodes().map((n) => ({ n, d: d3.select(n).datum() })).sort((a, b) => (!!a.d.minor - !!b.d.minor) || (b.d.load - a.d.load));
    for (const { n } of order) {
      n.style.visibility = '';
      const b = n.getBBox();
      const m = 3; // a little air between labels
      const hit = placed.some((p) => b.x < p.x + p.width + m && p.x < b.x + b.width + m && b.y < p.y + p.height && p.y < b.y + b.height);
      if (hit) n.style.visibility = 'hidden';
      else placed.push(b);
    }
  };
})();
