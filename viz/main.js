// Entry point: reads the embedded data and draws the page; redraws when the width changes.
(function () {
  const RS = window.RS;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  RS.data = data;
  const show = (id, on = true) => { document.getElementById(id).hidden = !on; };

  function notes(list) {
    show('notes-section', list.length > 0);
    d3.select('#notes').selectAll('li').data(list).join('li').text((d) => d);
  }

  function drawRun() {
    const clock = RS.clock(data.meta);
    show('map-section', data.map.nodes.length > 0);
    show('series-section');
    show('dist-section');
    if (RS.player) RS.player.stop();
    if (data.map.nodes.length) {
      const api = RS.drawMap(document.getElementById('map'), data.map, { clock });
      RS.mapLegend(document.getElementById('map-legend'), data.map, api);
      RS.sitesTable(document.getElementById('sites'), data.map, api);
      RS.player = RS.playback(document.getElementById('playback'), data.playback, api, clock);
    }
    RS.seriesSection(document.getElementById('series'), data, clock);
    RS.distSection(document.getElementById('dist'), data);
  }

  function drawBatch() {
    show('batch-section');
    d3.selectAll('#batch-sweeps, #batch-metrics').html('');
    RS.batchSection(data);
  }

  const draw = data.kind === 'batch' ? drawBatch : drawRun;
  if (data.kind === 'batch') RS.batchHeader(data);
  else RS.header(data);
  notes(data.notes || []);
  draw();
  RS.addExports();

  let width = window.innerWidth;
  let pending = null;
  window.addEventListener('resize', () => {
    if (Math.abs(window.innerWidth - width) < 40) return;
    clearTimeout(pending);
    pending = setTimeout(() => { width = window.innerWidth; draw(); RS.addExports(); }, 200);
  });
  document.documentElement.dataset.ready = 'true';
})();
