/* The dashboard (驾驶舱): draws each <div class="chart" data-chart="KEY"> with ECharts
 * (vendored, Chinese locale) from the page's JSON (#dashboard-data, written by
 * json_script), in the page's own CJK font. A click on a bar, a point or a slice
 * opens the records it counts (each data point carries its `url`). The charts
 * follow the window's size; the year and unit pickers submit on change. */
(function () {
  "use strict";

  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") {
    return; // no data or no ECharts: the tables of links under each chart remain
  }
  var data = JSON.parse(source.textContent);
  var specs = {};
  data.charts.forEach(function (spec) {
    specs[spec.key] = spec;
  });

  // The font the page itself uses (app.css: "Noto Sans CJK SC", ...), so that the
  // canvas text matches the page and is drawn with an installed CJK face.
  var fontFamily = window.getComputedStyle(document.body).fontFamily;
  var palette = ["#a4161a", "#1f5fa8", "#d39e00", "#2a9d8f", "#6c757d", "#7b4fa0", "#e76f51", "#264653"];
  var TALL = { enforcement: 360, towns: 360, disputes_village: 360 };

  function percentText(value) {
    return value === null || value === undefined || value === "-" ? "—" : value + "%";
  }

  function countText(value) {
    return value === null || value === undefined ? "—" : String(value);
  }

  function barOptions(spec) {
    var axes = spec.axes && spec.axes.length ? spec.axes : [""];
    var many = spec.categories.length > 6;
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: spec.categories,
        axisLabel: { interval: 0, rotate: many ? 35 : 0, hideOverlap: false },
      },
      yAxis: axes.map(function (name, i) {
        return {
          type: "value",
          name: name,
          minInterval: name === "元" ? 0 : 1,
          max: name === "%" ? 100 : null,
          splitLine: { show: i === 0 },
        };
      }),
      series: spec.series.map(function (s) {
        var isLine = s.type === "line";
        return {
          name: s.name,
          type: isLine ? "line" : "bar",
          stack: s.stack || null,
          yAxisIndex: s.axis && axes.length > 1 ? s.axis : 0,
          barMaxWidth: 36,
          smooth: false,
          symbolSize: 7,
          connectNulls: false,
          emphasis: { focus: "series" },
          tooltip: { valueFormatter: s.percent ? percentText : countText },
          data: s.data.map(function (p) {
            return { value: p.value === null ? "-" : p.value, url: p.url };
          }),
        };
      }),
    };
  }

  function pieOptions(spec) {
    var s = spec.series[0];
    return {
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
      legend: { bottom: 0, type: "scroll" },
      series: [
        {
          name: s.name,
          type: "pie",
          radius: ["35%", "62%"],
          center: ["50%", "45%"],
          avoidLabelOverlap: true,
          label: { formatter: "{b}\n{c}" },
          data: s.data.map(function (p) {
            // An empty slice keeps its legend entry but draws no label.
            var hidden = { show: p.value > 0 };
            return { name: p.name, value: p.value, url: p.url, label: hidden, labelLine: hidden };
          }),
        },
      ],
    };
  }

  var charts = [];
  document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
    var spec = specs[el.dataset.chart];
    if (!spec) {
      return;
    }
    el.style.height = (TALL[spec.key] || 300) + "px";
    el.style.width = "100%";
    var chart = echarts.init(el, null, { locale: "ZH", renderer: "canvas" });
    var options = spec.kind === "pie" ? pieOptions(spec) : barOptions(spec);
    options.color = palette;
    options.textStyle = { fontFamily: fontFamily };
    options.animation = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    chart.on("finished", function () {
      el.dataset.rendered = "true";
    });
    chart.setOption(options);
    chart.on("click", function (params) {
      var url = params.data && params.data.url;
      if (url) {
        window.location.assign(url);
      }
    });
    charts.push(chart);
  });

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) {
      window.clearTimeout(pending);
    }
    pending = window.setTimeout(function () {
      charts.forEach(function (chart) {
        chart.resize();
      });
    }, 100);
  });

  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
})();
