// Progressive enhancement: next to a session's time in its event's zone, show the viewer's own time.
// The page says the event's local time (and Amsterdam's, for online events) without this script.
(function () {
  "use strict";
  var viewerZone;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!viewerZone) return;
  var lang = document.documentElement.lang || undefined;
  var timeFormat = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: viewerZone });
  var dayFormat = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", month: "short", timeZone: viewerZone });
  var dateKey = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: viewerZone });
  document.querySelectorAll(".zone-viewer").forEach(function (slot) {
    var time = slot.parentNode.querySelector("time[datetime][data-ends]");
    if (!time || time.getAttribute("data-zone") === viewerZone) return;
    var start = new Date(time.getAttribute("datetime"));
    var end = new Date(time.getAttribute("data-ends"));
    if (isNaN(start) || isNaN(end)) return;
    var text = dayFormat.format(start) + " " + timeFormat.format(start) + " – ";
    if (dateKey.format(end) !== dateKey.format(start)) text += dayFormat.format(end) + " ";
    text += timeFormat.format(end);
    slot.textContent = "(" + slot.getAttribute("data-label") + ": " + text + ", " + viewerZone.replace(/_/g, " ") + ")";
    slot.hidden = false;
  });
})();
