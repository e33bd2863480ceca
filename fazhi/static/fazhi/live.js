/* Live workbench panels (docs/adr/0003-live-updates.md).
 *
 * A panel marked data-live-panel listens for news of data-live-kinds after
 * data-live-after: through server-sent events (EventSource) while the server
 * accepts a stream, and by polling data-live-poll every data-live-poll-seconds
 * when it refuses one (204: its streams are all taken), when a proxy or the
 * browser cannot keep one, or when EventSource is missing. Each decision is
 * inserted in the panel's order (decision date, then case, newest first), once.
 * No inline script: the page's CSP allows scripts from 'self' only.
 */
(function () {
  "use strict";

  var RETRY_STREAM_AFTER_POLLS = 20; // polling for a while, then try a stream again

  function text(tag, className, value) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = value;
    return el;
  }

  function DecisionPanel(root) {
    this.root = root;
    this.list = root.querySelector("ul");
    this.empty = root.querySelector("[data-live-empty]");
    this.kinds = root.getAttribute("data-live-kinds");
    this.after = root.getAttribute("data-live-after") || "";
    this.streamUrl = root.getAttribute("data-live-stream");
    this.pollUrl = root.getAttribute("data-live-poll");
    this.pollMs = (parseInt(root.getAttribute("data-live-poll-seconds"), 10) || 15) * 1000;
    this.maxRows = parseInt(root.getAttribute("data-live-rows"), 10) || 10;
    this.source = null;
    this.polls = 0;
    this.stopped = false;
  }

  DecisionPanel.prototype.url = function (base) {
    var query = "kinds=" + encodeURIComponent(this.kinds);
    if (this.after !== "") query += "&after=" + encodeURIComponent(this.after);
    return base + (base.indexOf("?") < 0 ? "?" : "&") + query;
  };

  DecisionPanel.prototype.start = function () {
    if (window.EventSource) this.stream();
    else this.poll();
  };

  DecisionPanel.prototype.stream = function () {
    var self = this;
    var source = new EventSource(this.url(this.streamUrl));
    this.source = source;
    this.root.setAttribute("data-live-mode", "stream");
    source.onmessage = function (message) {
      if (message.lastEventId) self.after = message.lastEventId;
      self.receive(JSON.parse(message.data));
    };
    source.onerror = function () {
      // CONNECTING: the browser reconnects by itself (a stream ends every ~25 s).
      // CLOSED: refused (204, 403, a login page): poll instead.
      if (source.readyState === EventSource.CLOSED) {
        self.source = null;
        self.polls = 0;
        window.setTimeout(function () { self.poll(); }, 1000);
      }
    };
  };

  DecisionPanel.prototype.poll = function () {
    var self = this;
    if (this.stopped) return;
    this.root.setAttribute("data-live-mode", "poll");
    fetch(this.url(this.pollUrl), {
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        // Signed out (a redirect to the login page) or refused: stop; a reload says why.
        if (!response.ok || response.type === "opaqueredirect") throw new Error("refused");
        return response.json();
      })
      .then(function (answer) {
        answer.events.forEach(function (event) { self.receive(event); });
        self.after = String(answer.last_id);
        if (answer.poll_seconds) self.pollMs = answer.poll_seconds * 1000;
        self.polls += 1;
        if (window.EventSource && self.polls >= RETRY_STREAM_AFTER_POLLS) self.stream();
        else window.setTimeout(function () { self.poll(); }, self.pollMs);
      })
      .catch(function () {
        self.stopped = true;
        self.root.setAttribute("data-live-mode", "stopped");
      });
  };

  DecisionPanel.prototype.receive = function (event) {
    var data = event.data || {};
    if (!data.case_id || !data.decided_on) return;
    if (this.list.querySelector('[data-case-id="' + Number(data.case_id) + '"]')) return;
    var rows = this.list.querySelectorAll("li[data-case-id]");
    var before = null;
    for (var i = 0; i < rows.length; i++) {
      var day = rows[i].getAttribute("data-decided-on");
      var id = Number(rows[i].getAttribute("data-case-id"));
      if (day < data.decided_on || (day === data.decided_on && id < data.case_id)) {
        before = rows[i];
        break;
      }
    }
    if (!before && rows.length >= this.maxRows) return; // older than every decision shown
    var row = this.row(data);
    this.list.insertBefore(row, before);
    rows = this.list.querySelectorAll("li[data-case-id]");
    for (var j = this.maxRows; j < rows.length; j++) rows[j].remove();
    if (this.empty) this.empty.hidden = true;
    window.setTimeout(function () { row.classList.remove("list-group-item-warning"); }, 8000);
  };

  DecisionPanel.prototype.row = function (data) {
    var li = document.createElement("li");
    li.className = "list-group-item px-0 list-group-item-warning";
    li.setAttribute("data-case-id", String(data.case_id));
    li.setAttribute("data-decided-on", data.decided_on);
    li.setAttribute("data-live-new", "");
    var link = text("a", "", data.decision_no || "案件" + data.case_id + "：" + data.matter);
    if (/^\/[^\/]/.test(data.url || "")) link.href = data.url; // a path on this site, nothing else
    li.appendChild(link);
    var parts = [data.decided_on, data.procedure, data.matter, data.party];
    if (Number(data.fine) > 0) parts.push("罚款" + data.fine + "元");
    li.appendChild(text("div", "small text-muted", parts.join(" · ")));
    return li;
  };

  /* A listener marked data-live-refresh: the same stream and polling, and on news
   * of its kinds one "fazhi:deadlines" event on the body (several pieces of news
   * within half a second make one), on which htmx reloads the parts that listen
   * for it: the workbench's deadline lists, the warnings board, the 预警 badge. */
  function RefreshPanel(root) {
    DecisionPanel.call(this, root);
    this.timer = null;
  }
  RefreshPanel.prototype = Object.create(DecisionPanel.prototype);
  RefreshPanel.prototype.receive = function () {
    var self = this;
    if (this.timer) return;
    this.timer = window.setTimeout(function () {
      self.timer = null;
      self.root.setAttribute("data-live-refreshed", String((Number(self.root.getAttribute("data-live-refreshed")) || 0) + 1));
      if (window.htmx) window.htmx.trigger(document.body, "fazhi:deadlines");
    }, 500);
  };

  function init() {
    var panels = document.querySelectorAll("[data-live-panel]");
    for (var i = 0; i < panels.length; i++) {
      if (panels[i].getAttribute("data-live-mode")) continue;
      new DecisionPanel(panels[i]).start();
    }
    var listeners = document.querySelectorAll("[data-live-refresh]");
    for (var j = 0; j < listeners.length; j++) {
      if (listeners[j].getAttribute("data-live-mode")) continue;
      new RefreshPanel(listeners[j]).start();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
