// The observatory's charts, drawn with Chart.js from the data table under each one: the table is the chart's text
// alternative and stays on the page (folded under its summary once the chart is drawn). Without JavaScript, or if
// Chart.js did not load, the tables are shown open and nothing is lost.
(function () {
  'use strict';

  var focus = document.querySelector('[data-focus-on-load]');
  if (focus) {
    focus.focus();
  }
  if (typeof window.Chart === 'undefined') {
    return;
  }

  // Dark enough on white for lines and bars (WCAG 1.4.11, 3:1 at least); each line also has its own dash and point
  // style, so that series differ by more than colour.
  var COLOURS = ['#095797', '#b35900', '#2b6a3a', '#a4161a', '#5b3a8e', '#4a4a4a', '#00707a'];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2], [8, 2]];
  var POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'crossRot', 'star', 'cross'];
  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var lang = document.documentElement.lang || 'fr';
  var numbers = new Intl.NumberFormat(lang === 'en' ? 'en-CA' : 'fr-CA');

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1b1b1b';
  Chart.defaults.locale = lang === 'en' ? 'en-CA' : 'fr-CA';
  if (reduced) {
    Chart.defaults.animation = false;
  }

  function read(table) {
    var heads = table.querySelectorAll('thead th');
    var series = [];
    for (var i = 1; i < heads.length; i++) {
      if (heads[i].hasAttribute('data-series')) {
        series.push({ column: i - 1, label: heads[i].textContent.trim(), data: [] });
      }
    }
    var labels = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      labels.push(row.querySelector('th').textContent.trim());
      var cells = row.querySelectorAll('td');
      series.forEach(function (s) {
        var raw = cells[s.column] ? cells[s.column].getAttribute('data-value') : '';
        s.data.push(raw === '' || raw === null ? null : Number(raw));
      });
    });
    return { labels: labels, series: series };
  }

  function draw(figure) {
    var table = figure.querySelector('table[data-chart]');
    var box = figure.querySelector('.chart-canvas');
    if (!table || !box) {
      return;
    }
    var kind = table.getAttribute('data-chart');
    var data = read(table);
    var canvas = document.createElement('canvas');
    // The canvas is an image whose words are the table below it.
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', box.getAttribute('data-label'));
    if (kind === 'bar') {
      // A bar per row, each tall enough to read its label.
      box.style.height = Math.max(160, data.labels.length * 30 + 50) + 'px';
    }
    box.appendChild(canvas);
    var line = kind === 'line';
    new Chart(canvas, {
      type: line ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          var colour = COLOURS[i % COLOURS.length];
          return {
            label: s.label,
            data: s.data,
            borderColor: colour,
            backgroundColor: line ? colour : colour + 'cc',
            borderWidth: 2,
            borderDash: line ? DASHES[i % DASHES.length] : [],
            pointStyle: POINTS[i % POINTS.length],
            pointRadius: line && data.labels.length <= 45 ? 3 : 0,
            pointHoverRadius: 5,
            tension: 0
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: line ? 'x' : 'y',
        interaction: { mode: line ? 'index' : 'nearest', intersect: false },
        plugins: {
          legend: { display: data.series.length > 1, labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: function (context) {
                var value = line ? context.parsed.y : context.parsed.x;
                return context.dataset.label + (lang === 'en' ? ': ' : ' : ') + (value === null ? '—' : numbers.format(value));
              }
            }
          }
        },
        scales: {
          x: line ? { ticks: { maxTicksLimit: 8, maxRotation: 0, autoSkip: true } } : { beginAtZero: true, ticks: { precision: 0 } },
          y: line ? { beginAtZero: true, ticks: { precision: 0 } } : { ticks: { autoSkip: false } }
        }
      }
    });
    var details = figure.querySelector('details.chart-data');
    if (details) {
      details.removeAttribute('open');
    }
  }

  document.querySelectorAll('figure.chart').forEach(draw);
}());
