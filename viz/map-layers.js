// The map's layers, one function each: land and province borders, province names, zones, roads,
// closures, nodes, site marks, labels.
// Each takes a <g> and a context {map, xy, nodeXY, byId, path, width} and returns its selection.
(function () {
  const RS = window.RS;
  const L = (RS.mapLayers = {});

  /** GeoJSON rings may wind either way; d3-geo wants the small area (clockwise) one. */
  function smallSide(g) {
    const f = { type: 'Feature', geometry: g };
    if (d3.geoArea(f) > 2 * Math.PI) {
      const rev = (poly) => poly.map((ring) => ring.slice().reverse());
      f.geometry = { type: g.type, coordinates: g.type === 'Polygon' ? rev(g.coordinates) : g.coordinates.map(rev) };
    }
    return f;
  }
  function zoneFeature(z) {
    let g = z.polygon && z.polygon.type === 'Feature' ? z.polygon.geometry : z.polygon;
    if (Array.isArray(g)) g = { type: 'Polygon', coordinates: g };
    return g && g.coordinates ? smallSide(g) : null;
  }
  L.zoneFeature = zoneFeature;

  /** Natural Earth land under everything; the sea is the map's background. */
  L.land = (g, cx) => {
    const b = cx.map.basemap;
    if (!b || !b.land) return g;
    const land = { type: 'MultiPolygon', coordinates: b.land.coordinates.map((poly) => poly) };
    g.append('path').attr('class', 'land').attr('d', cx.path(smallSide(land)));
    // Province borders (Natural Earth admin-1) over the land, under everything else.
    if (b.borders && b.borders.coordinates.length) g.append('path').attr('class', 'admin-border').attr('d', cx.path(b.borders));
    return g;
  };

  /**
   * Province names at Natural Earth's label points, in the zoomed layer like the zone names; a
   * province that is also a zone (Shanghai) is named once, by its zone.
   */
  L.divisionNames = (g, cx) => {
    const b = cx.map.basemap;
    const zones = new Set(cx.map.zones.map((z) => String(z.name || z.id).toLowerCase()));
    const list = ((b && b.divisions) || []).filter((d) => !zones.has(d.name.toLowerCase()));
    return g.selectAll('text').data(list).join('text').attr('class', 'division-name').attr('text-anchor', 'middle')
      .attr('transform', (d) => `translate(${cx.xy(d.lon, d.lat)})`).text((d) => d.name);
  };

  L.zones = (g, cx) => {
    const zones = cx.map.zones.map((z) => ({ ...z, f: zoneFeature(z) })).filter((z) => z.f);
    const sel = g.selectAll('path').data(zones).join('path').attr('class', 'zone').attr('d', (z) => cx.path(z.f))
      .attr('fill', (z) => RS.RULE_COLORS[z.rule]).attr('fill-opacity', 0.12).attr('stroke', (z) => RS.RULE_COLORS[z.rule]);
    return RS.tipOn(sel, (z) => [`Zone ${z.name || z.id}`, z.controls.length
      ? z.controls.map((c) => [c.rule, `${cx.clock.full(c.fromMin)} – ${c.toMin >= 1e9 ? 'end' : cx.clock.full(c.toMin)}`])
      : [['rule', 'open all the time']]]);
  };

  L.roads = (g, cx) => {
    const { map, nodeXY } = cx;
    const widthOf = d3.scaleSqrt().domain([0, d3.max(map.edges, (e) => Math.abs(e.trucks)) || 1]).range([1.2, cx.width < 500 ? 9 : 14]);
    const sel = g.selectAll('path').data(map.edges).join('path').attr('class', 'road')
      .attr('d', (e) => `M${nodeXY[e.a]}L${nodeXY[e.b]}`)
      .attr('stroke', (e) => (cx.roadColor ? cx.roadColor(e) : e.trucks > 0 ? '#4a78a8' : '#c3ccd6')).attr('stroke-opacity', 0.8)
      .attr('stroke-width', (e) => widthOf(Math.abs(e.trucks)));
    return RS.tipOn(sel, (e) => [`${map.nodes[e.a].name} → ${map.nodes[e.b].name}`, (cx.roadRows ? cx.roadRows(e) : [['trucks', RS.fmt(e.trucks)]])
      .concat([RS.figure('km', e.km), RS.figure('speedKmh', e.speedKmh), ['one-way', e.oneway ? 'yes' : 'no']])]);
  };

  /** Edge closures as dashed red lines, node closures as red rings; returns [edges, nodes]. */
  L.closures = (g, cx) => {
    const { map, nodeXY, byId } = cx;
    const name = (id) => (byId.has(id) ? map.nodes[byId.get(id)].name : id);
    const when = (c) => [['closed', `${cx.clock.full(c.fromMin)} – ${c.toMin >= 1e9 ? 'end' : cx.clock.full(c.toMin)}`], ['for', RS.dur(Math.min(c.toMin, 1e9) - c.fromMin)]];
    const edges = map.closures.filter((c) => Array.isArray(c.edge) && byId.has(c.edge[0]) && byId.has(c.edge[1]));
    const nodes = map.closures.filter((c) => c.node != null && byId.has(c.node));
    const ce = g.selectAll('path.closure').data(edges).join('path').attr('class', 'closure')
      .attr('d', (c) => `M${nodeXY[byId.get(c.edge[0])]}L${nodeXY[byId.get(c.edge[1])]}`);
    const cn = g.selectAll('circle.closure-node').data(nodes).join('circle').attr('class', 'closure-node').attr('r', 9)
      .attr('cx', (c) => nodeXY[byId.get(c.node)][0]).attr('cy', (c) => nodeXY[byId.get(c.node)][1]);
    return [RS.tipOn(ce, (c) => [`Road closed: ${name(c.edge[0])} – ${name(c.edge[1])}`, when(c)]), RS.tipOn(cn, (c) => [`Closed: ${name(c.node)}`, when(c)])];
  };

  L.nodes = (g, cx) => g.selectAll('circle').data(cx.map.nodes).join('circle').attr('class', (n) => `node ${n.kind === 'city' ? 'city' : ''}`)
    .attr('r', (n) => (n.kind === 'city' ? 3.2 : 2.2))
    .attr('cx', (n, i) => cx.nodeXY[i][0]).attr('cy', (n, i) => cx.nodeXY[i][1])
    .call((s) => RS.tipOn(s, (n) => [n.name, [['id', n.id], ['kind', n.kind || 'node'], ['position', `${d3.format('.3f')(n.lat)}° N, ${d3.format('.3f')(n.lon)}° E`]]]));

  const KIND = { 'mark-checkpoint': 'Checkpoint', 'mark-station': 'Transfer station', 'mark-factory': 'Factory' };

  /** Checkpoints, stations (sized by load, coloured by mean wait) and factories; returns the wait colour scale. */
  L.marks = (g, cx) => {
    const { map, xy } = cx;
    const sites = [...map.checkpoints, ...map.stations];
    const color = cx.markColor || d3.scaleSequential(d3.interpolateYlOrRd).domain([0, Math.max(1, d3.max(sites, (m) => m.wait || 0) || 1)]);
    const area = d3.scaleLinear().domain([0, d3.max(sites, (m) => m.load) || 1]).range([40, cx.width < 500 ? 260 : 420]);
    const all = [
      ...map.factories.map((m) => ({ m, cls: 'mark-factory', type: d3.symbolTriangle, size: 110 })),
      ...map.stations.map((m) => ({ m, cls: 'mark-station', type: d3.symbolSquare, size: area(m.load) })),
      ...map.checkpoints.map((m) => ({ m, cls: 'mark-checkpoint', type: d3.symbolDiamond, size: area(m.load) })),
    ].sort((a, b) => b.size - a.size); // small on top, so that every mark can be pointed at
    const fill = (d) => (d.cls === 'mark-factory' ? ((d.m.figures.lineStopMin || 0) > 0 ? '#e74c3c' : '#3c9d5d') : color(d.m.wait || 0));
    const sel = g.selectAll('path').data(all.map((d) => Object.assign(d.m, { cls: d.cls, size: d.size, type: d.type }))).join('path')
      .attr('class', (m) => m.cls).attr('data-id', (m) => m.id)
      .attr('transform', (m) => `translate(${xy(m.lon, m.lat)})`)
      .attr('d', (m) => d3.symbol(m.type, m.size)())
      .attr('fill', (m, i) => fill(all[i]));
    RS.tipOn(sel, (m) => [`${KIND[m.cls]} ${m.name && m.name !== m.id ? `${m.name} (${m.id})` : m.id}`, (cx.markRows ? cx.markRows(m) : []).concat(RS.figureRows(m.figures))]);
    return color;
  };

  /** Labels of sites (ids), cities and zones, drawn in screen space (not zoomed) and placed without overlaps. */
  L.labels = (g, cx) => {
    const { map } = cx;
    const items = [
      ...[...map.stations, ...map.checkpoints].map((m) => ({ id: m.id, text: m.id, lon: m.lon, lat: m.lat, r: Math.sqrt(m.size || 60) / 2 + 1, rank: 1 - (m.load || 0) / 1e6, cls: 'label site' })),
      ...map.factories.map((m) => ({ id: m.id, text: m.id, lon: m.lon, lat: m.lat, r: 6, rank: 3, cls: 'label minor' })),
      ...map.nodes.filter((n) => n.kind === 'city').map((n) => ({ id: `city:${n.id}`, text: n.name.replace(/\s*\(.*\)$/, ''), lon: n.lon, lat: n.lat, r: 3, rank: 4, cls: 'label city' })),
      ...(cx.extraLabels || []),
    ];
    return g.selectAll('text').data(items).join('text').attr('class', (d) => d.cls).text((d) => d.text);
  };

  /** Zone names at the zone's centre (in the zoomed layer: they belong to the area, not a point). */
  L.zoneNames = (g, cx) => {
    const zones = cx.map.zones.map((z) => ({ ...z, f: zoneFeature(z) })).filter((z) => z.f);
    return g.selectAll('text').data(zones).join('text').attr('class', 'zone-name').attr('text-anchor', 'middle')
      .attr('transform', (z) => `translate(${cx.path.centroid(z.f)})`).text((z) => (z.name || z.id).toUpperCase());
  };

  /** A scale bar of a round number of km, bottom left; call again after zooming with the zoom factor. */
  L.scaleBar = (g, cx) => {
    const bar = g.append('g').attr('class', 'scale-bar');
    const update = (k) => {
      const [w, h] = [cx.width, cx.height];
      const a = cx.projection.invert([w / 2 - 50, h / 2]), b = cx.projection.invert([w / 2 + 50, h / 2]);
      const kmPer100 = (d3.geoDistance(a, b) * 6371) / k;
      const km = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((v) => (v / kmPer100) * 100 >= 60) || 500;
      const px = (km / kmPer100) * 100;
      bar.attr('transform', `translate(12,${h - 14})`).html('');
      bar.append('rect').attr('x', -4).attr('y', -16).attr('width', px + 8 + 40).attr('height', 22).attr('class', 'scale-bg');
      bar.append('path').attr('d', `M0,-5V0H${px}V-5`).attr('class', 'scale-line');
      bar.append('text').attr('x', px + 6).attr('y', 0).text(`${km} km`);
    };
    update(1);
    return update;
  };
})();
