/* The check-in scanner: camera + jsQR, the check-in API, and an offline queue in IndexedDB.
 *
 * Online, every scan is a POST to the API and its answer is shown. When the network is gone (or
 * too slow to answer within a few seconds), a scan is judged against the session's list that was
 * downloaded beforehand, in which codes are kept only as SHA-256 hashes, and the check-in is
 * queued with its nonce and the time of the scan. The queue is sent when the network is back; the
 * nonce makes a resend the same check-in, and the server keeps one check-in per person and session.
 */
(function () {
  "use strict";

  const config = JSON.parse(document.getElementById("checkin-config").textContent);
  const gettext = window.gettext || ((text) => text);
  const interpolate = window.interpolate || ((text) => text);
  const csrfToken = document.querySelector("[name=csrfmiddlewaretoken]").value;
  const SESSION = config.session;
  const REQUEST_TIMEOUT_MS = 3000;
  const SAME_CODE_PAUSE_MS = 4000;

  const $ = (id) => document.getElementById(id);

  // IndexedDB: "lists" holds each session's downloaded list, "queue" the scans waiting to be sent.

  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const open = indexedDB.open("checkin", 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore("lists", { keyPath: "session" });
          open.result.createObjectStore("queue", { keyPath: "nonce" });
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
    }
    return dbPromise;
  }

  function store(name, mode, action) {
    return db().then(
      (database) =>
        new Promise((resolve, reject) => {
          const transaction = database.transaction(name, mode);
          const request = action(transaction.objectStore(name));
          transaction.oncomplete = () => resolve(request && request.result);
          transaction.onerror = () => reject(transaction.error);
        })
    );
  }

  // The session's list, in memory too: people by id and by the hash of their code.

  let list = { session: SESSION, generated_at: null, people: [] };
  let byHash = new Map();

  function setList(data) {
    list = data;
    byHash = new Map(list.people.map((person) => [person.code_sha256, person]));
    const when = list.generated_at ? new Date(list.generated_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
    $("list-state").textContent = interpolate(gettext("List of %(count)s people, downloaded at %(time)s"), { count: list.people.length, time: when }, true);
    $("list-state").dataset.count = list.people.length;
  }

  function saveList() {
    return store("lists", "readwrite", (s) => s.put(list));
  }

  function loadStoredList() {
    return store("lists", "readonly", (s) => s.get(SESSION)).then((stored) => {
      if (stored) setList(stored);
    });
  }

  function downloadList() {
    return request("GET", config.urls.registrations).then(({ data }) => {
      const queued = new Set(queueCache.filter((item) => item.registration).map((item) => item.registration));
      const people = data.registrations.map((person) => {
        // A check-in still in the queue is not on the server yet: keep it in the list.
        const local = list.people.find((p) => p.id === person.id);
        if (!person.checked_in_at && local && local.checked_in_at && queued.has(person.id)) {
          person.checked_in_at = local.checked_in_at;
        }
        return person;
      });
      setList({ session: SESSION, generated_at: data.generated_at, people });
      return saveList();
    });
  }

  // The queue of scans made offline.

  let queueCache = [];

  function refreshQueue() {
    return store("queue", "readonly", (s) => s.getAll()).then((items) => {
      queueCache = (items || []).filter((item) => item.session === SESSION);
      const count = queueCache.length;
      const label = $("queue-count");
      label.dataset.count = count;
      label.textContent = count
        ? interpolate(ngettext("%(count)s scan waiting to be sent", "%(count)s scans waiting to be sent", count), { count }, true)
        : gettext("No scans waiting to be sent");
    });
  }

  function ngettext(singular, plural, count) {
    return window.ngettext ? window.ngettext(singular, plural, count) : count === 1 ? singular : plural;
  }

  function enqueue(item) {
    return store("queue", "readwrite", (s) => s.put(item)).then(refreshQueue);
  }

  function dequeue(nonce) {
    return store("queue", "readwrite", (s) => s.delete(nonce)).then(refreshQueue);
  }

  let flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    flushing = true;
    return refreshQueue()
      .then(async () => {
        const items = queueCache.slice().sort((a, b) => a.scanned_at.localeCompare(b.scanned_at));
        for (const item of items) {
          const body = { session: item.session, nonce: item.nonce, scanned_at: item.scanned_at };
          let url = config.urls.checkin;
          if (item.registration) {
            url = config.urls.manual;
            body.registration = item.registration;
            body.offline = true;
          } else {
            body.code = item.code;
          }
          let answer;
          try {
            answer = await request("POST", url, body);
          } catch (error) {
            break; // still offline, or the server is down: try again later
          }
          // Judged: whatever the answer, the scan is done. Not judged (logged out, rate limit): keep it.
          if (answer.response.status === 401 || answer.response.status === 429) {
            show(answer.data);
            break;
          }
          await dequeue(item.nonce);
          if (answer.data.status !== "ok" && answer.data.status !== "already_checked_in") {
            show(answer.data, gettext("A scan made offline was refused:"));
          }
          markLocal(answer.data);
        }
      })
      .finally(() => {
        flushing = false;
      });
  }

  // Talking to the server.

  function request(method, url, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    return fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, Accept: "application/json" },
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
    })
      .then((response) => {
        if (response.status >= 500) throw new Error("server error " + response.status);
        return response.json().then((data) => ({ response, data }));
      })
      .finally(() => clearTimeout(timer));
  }

  function newNonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  async function sha256(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function markLocal(data) {
    if (!data.registration) return;
    const person = list.people.find((p) => p.id === data.registration.id);
    if (!person) return;
    if (data.status === "ok" || data.status === "already_checked_in") {
      person.checked_in_at = data.checked_in_at || person.checked_in_at || new Date().toISOString();
    } else if (data.status === "undone") {
      person.checked_in_at = null;
    }
    saveList();
  }

  // Checking in: online first, the local list when the network fails.

  async function checkIn({ code, registration }) {
    const item = { session: SESSION, nonce: newNonce(), scanned_at: new Date().toISOString() };
    if (code) item.code = code;
    if (registration) item.registration = registration;
    if (navigator.onLine) {
      try {
        const body = { session: SESSION, nonce: item.nonce, scanned_at: item.scanned_at };
        const answer = registration
          ? await request("POST", config.urls.manual, { ...body, registration })
          : await request("POST", config.urls.checkin, { ...body, code });
        show(answer.data);
        markLocal(answer.data);
        refreshCounts();
        return answer.data;
      } catch (error) {
        // No answer in time: judge it here and queue it; the nonce keeps a late arrival single.
      }
    }
    return checkInOffline(item);
  }

  async function checkInOffline(item) {
    let person = null;
    if (item.registration) {
      person = list.people.find((p) => p.id === item.registration);
    } else {
      person = byHash.get(await sha256(item.code));
    }
    if (!person) {
      if (item.code && /^[A-Za-z0-9_-]{20,100}$/.test(item.code)) {
        // Perhaps someone registered after the list was downloaded: let the server decide later.
        await enqueue(item);
        return show({ status: "unknown_offline", message: gettext("Not in the downloaded list. The scan will be checked when the network is back.") });
      }
      return show({ status: "invalid", message: config.messages.invalid });
    }
    const answer = { registration: person, offline: true };
    if (person.status === "cancelled") return show({ ...answer, status: "cancelled", message: config.messages.cancelled });
    if (person.status === "waitlisted") return show({ ...answer, status: "waitlisted", message: config.messages.waitlisted });
    if (person.status !== "confirmed") return show({ ...answer, status: "invalid", message: config.messages.unconfirmed });
    if (person.checked_in_at) {
      const time = new Date(person.checked_in_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      return show({ ...answer, status: "already_checked_in", message: interpolate(config.messages.alreadyCheckedIn, { time }, true) });
    }
    person.checked_in_at = item.scanned_at;
    await saveList();
    await enqueue({ session: SESSION, nonce: item.nonce, scanned_at: item.scanned_at, registration: person.id });
    return show({
      ...answer,
      status: "ok",
      message: interpolate(gettext("Welcome, %(name)s! (offline: will be sent when the network is back)"), { name: person.name }, true),
    });
  }

  // The answer, big and in colour, with a sound and a vibration.

  const TITLES = {
    ok: gettext("Checked in"),
    already_checked_in: gettext("Already checked in"),
    invalid: gettext("Invalid"),
    cancelled: gettext("Cancelled"),
    waitlisted: gettext("Waiting list"),
    wrong_event: gettext("Other event"),
    not_allowed: gettext("Not allowed"),
    undone: gettext("Undone"),
    unknown_offline: gettext("Unknown (offline)"),
  };

  let lastShown = null;
  function show(data, prefix) {
    const box = $("result");
    box.dataset.status = data.status;
    box.dataset.offline = data.offline ? "true" : "false";
    $("result-title").textContent = TITLES[data.status] || data.status;
    const person = data.registration;
    $("result-name").textContent = person ? person.name : "";
    $("result-details").textContent = person ? [person.organisation, person.stakeholder_type_label].filter(Boolean).join(" · ") : "";
    $("result-message").textContent = (prefix ? prefix + " " : "") + (data.message || "");
    const undo = $("result-undo");
    undo.hidden = !(person && data.status === "ok");
    lastShown = data;
    signal(data.status === "ok" || data.status === "undone");
    return data;
  }

  let audio = null;
  function signal(good) {
    if (navigator.vibrate) navigator.vibrate(good ? 80 : [250, 100, 250]);
    try {
      if (!audio) return;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = good ? 880 : 220;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + (good ? 0.12 : 0.4));
    } catch (error) {
      // No sound available: the colour and the vibration remain.
    }
  }

  async function undo(registrationId) {
    if (!navigator.onLine) {
      show({ status: "invalid", message: gettext("Undoing a check-in needs the network.") });
      return;
    }
    try {
      const answer = await request("POST", config.urls.undo, { session: SESSION, registration: registrationId });
      show(answer.data);
      markLocal(answer.data);
      refreshCounts();
    } catch (error) {
      show({ status: "invalid", message: gettext("Undoing a check-in needs the network.") });
    }
  }

  $("result-undo").addEventListener("click", () => {
    if (lastShown && lastShown.registration) undo(lastShown.registration.id);
  });

  // The camera and the decoder.

  const video = $("camera");
  const canvas = $("frame");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let lastCode = null;
  let lastCodeAt = 0;
  let busy = false;

  async function startCamera() {
    $("camera-state").textContent = gettext("Starting the camera…");
    if (audio === null) {
      try {
        audio = new (window.AudioContext || window.webkitAudioContext)();
      } catch (error) {
        audio = false;
      }
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
      $("camera-state").textContent = gettext("Scanning");
      $("camera-start").hidden = true;
      requestAnimationFrame(tick);
    } catch (error) {
      $("camera-state").textContent = gettext("No camera available: search people by name instead.");
      $("camera-start").hidden = false;
    }
  }

  let lastTick = 0;
  function tick(now) {
    requestAnimationFrame(tick);
    if (busy || now - lastTick < 120 || video.readyState < video.HAVE_ENOUGH_DATA) return;
    lastTick = now;
    const scale = Math.min(1, 640 / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    if (!found || !found.data) return;
    const moment = Date.now();
    if (found.data === lastCode && moment - lastCodeAt < SAME_CODE_PAUSE_MS) return;
    lastCode = found.data;
    lastCodeAt = moment;
    busy = true;
    checkIn({ code: found.data }).finally(() => {
      busy = false;
      lastCodeAt = Date.now();
    });
  }

  $("camera-start").addEventListener("click", startCamera);

  // Search by name, email or organisation; check in or undo by hand.

  function renderResults(people) {
    const results = $("search-results");
    results.replaceChildren();
    if (!people.length) {
      const li = document.createElement("li");
      li.textContent = gettext("No one found.");
      results.append(li);
    }
    for (const person of people) {
      const li = document.createElement("li");
      li.className = "search-result";
      li.dataset.status = person.status;
      const text = document.createElement("span");
      text.textContent = [person.name, person.organisation, person.stakeholder_type_label].filter(Boolean).join(" · ");
      li.append(text);
      const button = document.createElement("button");
      button.type = "button";
      if (person.checked_in_at) {
        button.textContent = gettext("Undo check-in");
        button.addEventListener("click", () => undo(person.id).then(search));
      } else {
        button.textContent = gettext("Check in");
        button.disabled = person.status !== "confirmed";
        button.addEventListener("click", () => checkIn({ registration: person.id }).then(search));
      }
      button.setAttribute("aria-label", button.textContent + ": " + person.name);
      li.append(button);
      results.append(li);
    }
  }

  async function search() {
    const query = $("search-q").value.trim();
    if (!query) {
      $("search-results").replaceChildren();
      return;
    }
    if (navigator.onLine) {
      try {
        const answer = await request("GET", config.urls.registrations + "?q=" + encodeURIComponent(query));
        renderResults(answer.data.registrations || []);
        return;
      } catch (error) {
        // fall back to the downloaded list
      }
    }
    const words = query.toLowerCase().split(/\s+/);
    renderResults(
      list.people
        .filter((p) => words.every((w) => (p.name + " " + p.organisation).toLowerCase().includes(w)))
        .slice(0, 20)
    );
  }

  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });

  // Live counts.

  function refreshCounts() {
    if (!navigator.onLine) return;
    request("GET", config.urls.counts)
      .then(({ data }) => {
        if (data.expected === undefined) return;
        $("count-checked-in").textContent = data.checked_in;
        $("count-expected").textContent = data.expected;
        const body = $("counts-table").querySelector("tbody");
        body.replaceChildren();
        for (const row of data.by_stakeholder_type) {
          const tr = document.createElement("tr");
          for (const value of [row.label, row.checked_in, row.expected]) {
            const cell = document.createElement(value === row.label ? "th" : "td");
            if (value === row.label) cell.scope = "row";
            cell.textContent = value;
            tr.append(cell);
          }
          body.append(tr);
        }
      })
      .catch(() => {});
  }

  // Online and offline.

  function showConnection() {
    const label = $("connection");
    label.dataset.online = navigator.onLine ? "true" : "false";
    label.textContent = navigator.onLine ? gettext("Online") : gettext("Offline: scans are kept on this phone");
  }

  window.addEventListener("online", () => {
    showConnection();
    flush().then(refreshCounts);
  });
  window.addEventListener("offline", showConnection);
  $("list-download").addEventListener("click", () => downloadList().catch(() => {}));

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.urls.serviceWorker).catch(() => {});
  }

  showConnection();
  refreshQueue()
    .then(loadStoredList)
    .then(() => (navigator.onLine ? downloadList().catch(() => {}) : null))
    .then(() => flush())
    .finally(() => {
      document.body.dataset.ready = "true";
    });
  refreshCounts();
  setInterval(refreshCounts, 5000);
  setInterval(() => flush(), 10000);
  setInterval(() => navigator.onLine && !flushing && downloadList().catch(() => {}), 60000);
  // The camera starts on a tap: browsers want a gesture for the sound, and people for the camera.
})();
