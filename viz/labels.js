// Labels that do not pile up: each label tries eight places around its mark (right, left, above,
// below, then the corners) and takes the first that overlaps no label placed before it and no other
// mark; a label with no free place is hidden until zooming makes room. Important labels go first.
(function () {
  const RS = window.RS;
  const overlaps = (a, b, m = 1) => a.x < b.x + b.w + m && b.x < a.x + a.w + m && a.y < b.y + b.h + m && b.y < a.y + a.h + m;

  /**
   * sel: a selection of <text>, each datum with {x, y, r} in screen pixels (r: the mark's radius) and
   * an optional `rank` (lower goes first). bounds: [w, h]. obstacles: boxes {x, y, w, h} to avoid.
   */
  RS.placeLabels = (sel, bounds, obstacles = []) => {
    const placed = [];
    const nodes = sel.nodes().map((n) => ({ n, d: d3.select(n).datum() }))
      .sort((a, b) => (a.d.rank ?? 0) - (b.d.rank ?? 0));
    for (const { n, d } of nodes) {
      n.style.visibility = '';
      n.setAttribute('x', 0); n.setAttribute('y', 0); n.setAttribute('text-anchor', 'start');
      const b = n.getBBox(); // at the origin: width, height and how far the baseline sits
      const w = b.width, h = b.height, g = (d.r || 4) + 3;
      const spots = [
        [g, -b.y - h / 2], [-g - w, -b.y - h / 2], [-w / 2, -g - h - b.y], [-w / 2, g - b.y],
        [g * 0.7, -g * 0.7 - h - b.y], [-g * 0.7 - w, -g * 0.7 - h - b.y], [g * 0.7, g * 0.7 - b.y], [-g * 0.7 - w, g * 0.7 - b.y],
      ];
      let done = false;
      for (const [dx, dy] of spots) {
        const box = { x: d.x + dx, y: d.y + dy + b.y, w, h };
        if (box.x < 2 || box.y < 2 || box.x + w > bounds[0] - 2 || box.y + h > bounds[1] - 2) continue;
        if (placed.some((p) => overlaps(p, box)) || obstacles.some((o) => o.id !== d.id && overlaps(o, box, 0))) continue;
        n.setAttribute('x', d.x + dx);
        n.setAttribute('y', d.y + dy);
        placed.push(box);
        done = true;
        break;
      }
      if (!done) n.style.visibility = 'hidden';
    }
    return placed.length;
  };
})();
