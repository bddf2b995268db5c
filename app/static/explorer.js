// The explorer: search, a filtered and paged timeline, each fact's passage in its source, and
// competing figures drawn side by side. Every view's state is in the URL: the query string
// holds the search, filters and page; the fragment the fact shown beside them
// (#figures/war-2020-deaths, #compare/{event}/{metric}). Back and forward restore both.
// Every URL is relative, so the page works wherever the app is mounted. Data only ever
// reaches the page as text nodes (append/textContent), never as markup.
"use strict";

(() => {
  const PAGE_SIZE = 20;
  const FILTERS = ["type", "actor", "place", "country", "from", "to"];
  const STATE = ["q", "kind", ...FILTERS, "sort", "cursor", "page"];
  const QUALIFIER = {
    exact: "",
    approximately: "approximately ",
    more_than: "more than ",
    at_least: "at least ",
    nearly: "nearly ",
    less_than: "less than ",
    at_most: "at most ",
  };
  const KIND_NAMES = {
    event: "Event",
    figure: "Figure",
    statement: "Statement",
    actor: "Actor",
    place: "Place",
    source: "Source",
  };
  const records = new Map(); // "figures/war-2020-deaths" → the record, as a list gave it
  const answers = new Map(); // URL → Promise of its JSON: sources, summaries, pickers
  const texts = new Map(); // source id → Promise of its text as code points
  let listShown = null; // the query string whose list is on the page
  let listToken = 0; // the latest list and panel loads win when answers arrive out of order
  let panelToken = 0;
  let charts = 0; // each chart's marker gets an id of its own

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children); // strings become text nodes
    return node;
  }

  function link(href, className, ...children) {
    const node = el("a", className, ...children);
    node.href = href;
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let detail = `HTTP ${response.status}`;
      try {
        const problem = await response.json(); // problem+json says why, field by field
        detail = problem.errors?.map((e) => `${e.name}: ${e.detail}`).join("; ") || problem.detail || detail;
      } catch {
        // not JSON: the status says enough
      }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function cached(url) {
    if (!answers.has(url)) {
      const answer = getJSON(url);
      answers.set(url, answer);
      answer.catch(() => answers.delete(url)); // a failure is asked again next time
    }
    return answers.get(url);
  }

  const enc = encodeURIComponent;
  const words = (name) => name.replaceAll("_", " ");
  const number = (value) => value.toLocaleString("en");
  const plural = (count, noun) => `${number(count)} ${noun}${count === 1 ? "" : "s"}`;
  const amount = (f) => `${QUALIFIER[f.qualifier] ?? ""}${number(f.value)} ${f.unit}`;

  // ---- The URL: what the list shows, and the fact beside it ----

  function readState() {
    const params = new URLSearchParams(location.search);
    return Object.fromEntries(STATE.map((key) => [key, params.get(key) ?? ""]));
  }

  function address(state, fragment = "") {
    const params = new URLSearchParams();
    for (const key of STATE) if (state[key]) params.set(key, state[key]);
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}${fragment}`;
  }

  function go(url) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    if (new URL(url, location.href).href === new URL(here, location.href).href) {
      history.replaceState(null, "", url); // the same view again adds no step to go back
    } else {
      history.pushState(null, "", url);
    }
    route(true);
  }

  function navLink(href, className, ...children) {
    const node = link(href, className, ...children);
    node.addEventListener("click", (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      go(href);
    });
    return node;
  }

  function fillForm(state) {
    const form = document.getElementById("query");
    for (const key of ["q", "kind", ...FILTERS]) form.elements[key].value = state[key];
    form.elements.sort.value = state.sort || "start_date";
    // The filters stay open on a wide screen, and wherever one is set.
    if (FILTERS.some((key) => state[key]) || matchMedia("(min-width: 900px)").matches) {
      document.getElementById("filters").open = true;
    }
  }

  async function submitForm(event) {
    event.preventDefault();
    const form = event.target;
    const state = {};
    for (const key of ["q", "kind", ...FILTERS, "sort"]) state[key] = form.elements[key].value.trim();
    if (state.sort === "start_date") state.sort = ""; // the default stays out of the URL
    if (state.country) state.country = state.country.toUpperCase();
    // A name typed in a picker becomes the id it names, or nothing is asked: the picker says
    // why beside the field, and the view stays as it was.
    for (const [key, resolve] of pickers) {
      const id = await resolve(readState()[key]);
      if (id === null) return;
      state[key] = id;
    }
    go(address(state));
  }

  function route(event) {
    const state = readState();
    if (location.search !== listShown) {
      listShown = location.search;
      fillForm(state);
      loadList(state);
    }
    const close = document.getElementById("close");
    close.href = address(state);
    showPanel(event !== undefined); // the first screen leaves the focus where it is
  }

  // ---- The list: a page of the timeline, or of search hits ----

  function searching(state) {
    return state.q !== "" && !FILTERS.some((key) => state[key]);
  }

  function listUrl(state) {
    const params = new URLSearchParams({ limit: PAGE_SIZE });
    if (searching(state)) {
      params.set("q", state.q);
      if (state.kind) params.set("type", state.kind);
      if (state.cursor) params.set("cursor", state.cursor);
      return `v1/search?${params}`;
    }
    for (const key of ["q", ...FILTERS, "sort", "cursor"]) if (state[key]) params.set(key, state[key]);
    return `v1/timeline?${params}`;
  }

  async function loadList(state) {
    const token = ++listToken;
    const status = document.getElementById("status");
    const list = document.getElementById("list");
    const pager = document.getElementById("pager");
    const heading = document.getElementById("results-heading");
    const search = searching(state);
    heading.textContent = search
      ? `Search: “${state.q}”`
      : state.q
        ? `Timeline: events matching “${state.q}”`
        : "Timeline";
    document.title = search ? `${state.q} — conflict-facts` : "conflict-facts — explorer";
    status.textContent = "Loading…";
    list.setAttribute("aria-busy", "true");
    let page;
    try {
      page = await getJSON(listUrl(state));
    } catch (error) {
      if (token !== listToken) return;
      list.replaceChildren();
      pager.replaceChildren();
      list.removeAttribute("aria-busy");
      status.textContent = `Could not load the ${search ? "search" : "timeline"}: ${error.message}`;
      return;
    }
    if (token !== listToken) return;
    list.className = search ? "hits" : "events";
    list.replaceChildren(...page.data.map(search ? renderHit : renderEvent));
    list.removeAttribute("aria-busy");
    const number = Number.parseInt(state.page, 10) || 1;
    const noun = search ? "result" : "event";
    const order = search ? "best first" : state.sort === "-start_date" ? "newest first" : "oldest first";
    status.textContent = page.data.length
      ? `${plural(page.data.length, noun)}${number > 1 ? ` on page ${number}` : ""}, ${order}${page.next_cursor ? "; more on the next page" : ""}.`
      : number > 1
        ? "No more results."
        : `Nothing matches${search ? ` “${state.q}”` : " these filters"}.`;
    const links = [];
    if (state.cursor) links.push(navLink(address({ ...state, cursor: "", page: "" }), "", "← First page"));
    if (page.next_cursor) {
      const next = address({ ...state, cursor: page.next_cursor, page: String(number + 1) });
      links.push(navLink(next, "next", "Next page →"));
    }
    pager.replaceChildren(...links);
    markCurrent();
  }

  function whenText(when) {
    if (when === null) return "Undated";
    return when
      .split("/")
      .map((part) => (part === ".." ? "ongoing" : part))
      .join(" – ");
  }

  function figureLabel(figure) {
    const scope = figure.scope ? ` (${figure.scope})` : "";
    return `${amount(figure)}: ${words(figure.metric)}${scope}`;
  }

  function statementText(statement) {
    return statement.kind === "direct_quote" ? `“${statement.text}”` : statement.text;
  }

  function factLink(kind, record, ...content) {
    records.set(`${kind}/${record.id}`, record);
    return link(`#${kind}/${enc(record.id)}`, "fact", ...content);
  }

  function renderEvent(event) {
    records.set(`events/${event.id}`, event);
    const when = el("time", "", whenText(event.when));
    if (event.start_date) when.dateTime = event.start_date;
    const where = event.place ? ` · ${event.place.name}` : "";
    const count = event.citations.length;
    const item = el(
      "li",
      "event",
      el("p", "when", when, ` · ${words(event.type)}${where}`),
      el("h3", "", event.title),
      el("p", "summary", event.summary),
      factLink("events", event, `Evidence for this event (${plural(count, "citation")})`),
    );
    if (event.figures.length) {
      const byMetric = Map.groupBy(event.figures, (figure) => figure.metric);
      const list = el("ul", "facts");
      for (const [metric, figures] of byMetric) {
        for (const figure of figures) {
          const claim = figure.claimed_by_actor ? ` · claimed by ${figure.claimed_by_actor.name}` : "";
          list.append(el("li", "", factLink("figures", figure, el("span", "who", amount(figure)),
            ` ${words(figure.metric)}${figure.scope ? ` (${figure.scope})` : ""}`, el("span", "note", claim))));
        }
        if (figures.length > 1) {
          const href = `#compare/${enc(event.id)}/${enc(metric)}`;
          list.append(el("li", "", link(href, "fact compare", `Compare the ${figures.length} claims of ${words(metric)} ▸`)));
        }
      }
      item.append(el("h4", "", "Figures"), list);
    }
    if (event.statements.length) {
      const list = el("ul", "facts");
      for (const statement of event.statements) {
        const note = statement.kind === "direct_quote" ? "" : " (paraphrase)";
        list.append(el("li", "", factLink("statements", statement,
          el("span", "who", statement.speaker_actor.name), `: ${statementText(statement)}`, el("span", "note", note))));
      }
      item.append(el("h4", "", "Statements"), list);
    }
    return item;
  }

  // A search snippet is escaped HTML whose only tags are <mark> and </mark>: it is read as
  // text, and the marks become elements.
  function snippet(html) {
    const unescape = (text) =>
      text.replace(/&(amp|lt|gt|quot|#x27);/g, (_, name) =>
        ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'" })[name]);
    return html.split(/(<mark>.*?<\/mark>)/s).map((part) =>
      part.startsWith("<mark>") ? el("mark", "", unescape(part.slice(6, -7))) : unescape(part));
  }

  // A fact opens in the panel, a source in the source view, and an actor or a place as the
  // timeline of its events (the filter of the same name).
  function renderHit(hit) {
    let title;
    if (hit.type === "actor" || hit.type === "place") {
      title = navLink(address({ [hit.type]: hit.id }), "", hit.title);
    } else if (hit.type === "source") {
      title = link(`sources/${enc(hit.id)}`, "", hit.title);
    } else {
      title = link(`#${hit.type}s/${enc(hit.id)}`, "fact", hit.title);
    }
    return el(
      "li",
      "hit",
      el("p", "when", KIND_NAMES[hit.type] ?? hit.type),
      el("h3", "", title),
      el("p", "snippet", ...snippet(hit.snippet)),
    );
  }

  function markCurrent() {
    for (const node of document.querySelectorAll("#list a[aria-current]")) node.removeAttribute("aria-current");
    if (location.hash.length < 2) return;
    for (const node of document.querySelectorAll("#list a.fact")) {
      if (node.getAttribute("href") === location.hash) node.setAttribute("aria-current", "true");
    }
  }

  // ---- The panel: a fact in its source, or competing figures ----

  const sourceMeta = (id) => cached(`v1/sources/${enc(id)}`);

  function sourceText(id) {
    if (!texts.has(id)) {
      const text = fetch(`v1/sources/${enc(id)}/text`).then(async (response) => {
        if (!response.ok) throw new Error(`source text ${id}: HTTP ${response.status}`);
        // Citation offsets count code points; JS strings index UTF-16 units.
        return Array.from(await response.text());
      });
      texts.set(id, text);
      text.catch(() => texts.delete(id));
    }
    return texts.get(id);
  }

  function summaryUrl(event, metric) {
    return `v1/figure-summary?${new URLSearchParams({ metric, event })}`;
  }

  // The text with each citation's [start, end) in a <mark>, and whether every slice is `exact`.
  function highlighted(codePoints, citations) {
    const text = el("div", "text");
    text.tabIndex = 0; // scrollable, so reachable by keyboard
    text.setAttribute("role", "region");
    text.setAttribute("aria-label", "Source text");
    let position = 0;
    let matches = true;
    const sorted = [...citations].sort((a, b) => a.start - b.start);
    for (const citation of sorted) {
      if (citation.start < position) continue; // overlaps the previous mark
      const exact = codePoints.slice(citation.start, citation.end).join("");
      matches &&= exact === citation.exact;
      text.append(codePoints.slice(position, citation.start).join(""), el("mark", "", exact));
      position = citation.end;
    }
    text.append(codePoints.slice(position).join(""));
    return { text, matches };
  }

  async function passages(key, citations) {
    const parts = [];
    const bySource = Map.groupBy(citations, (citation) => citation.source_id);
    for (const [id, cited] of bySource) {
      const meta = await sourceMeta(id);
      const via = [...new Set(cited.flatMap((citation) => citation.via))];
      const relayed = await Promise.all(via.map(async (v) => (await sourceMeta(v)).publisher));
      const relay = relayed.length ? `, relaying ${relayed.join(", ")}` : "";
      parts.push(el("p", "source-meta", `${meta.publisher}: “${meta.title}”${relay}`));
      if (!meta.has_text) {
        for (const c of cited) parts.push(el("p", "text", "…", c.prefix, el("mark", "", c.exact), c.suffix, "…"));
        continue;
      }
      const { text, matches } = highlighted(await sourceText(id), cited);
      parts.push(
        el(
          "p",
          matches ? "check ok" : "check bad",
          matches
            ? `✓ Each highlighted passage is exactly the cited text (${cited.length}).`
            : "✗ A citation does not match the stored text.",
        ),
        text,
        el("p", "links", link(`sources/${enc(id)}?fact=${enc(key)}#${key}`, "", "Every passage of this source cited, in the source view")),
      );
    }
    return parts;
  }

  // The axis of the competing-figures chart: the same rules as app/comparisons.py (`axis`).
  function axis(values) {
    const least = Math.min(0, ...values);
    const most = Math.max(0, ...values);
    const span = (most - least) * 1.15 || 1;
    const raw = span / 5;
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
    const low = Math.floor(least / step) * step;
    const high = Math.max(Math.ceil((least + span) / step) * step, low + step);
    const x = (value) => Math.round(((value - low) / (high - low)) * 10000) / 100;
    const ticks = [];
    for (let i = 0; i <= Math.round((high - low) / step); i++) {
      const value = low + i * step;
      ticks.push([x(value), number(Math.round(value * 1e9) / 1e9)]);
    }
    return { x, ticks };
  }

  function spanWords(lower, upper) {
    if (lower !== null && lower === upper) return `exactly ${number(lower)}`;
    if (lower !== null) return `${number(lower)} or more, no upper bound`;
    if (upper !== null) return `up to ${number(upper)}, no lower bound`;
    return "no bound either way";
  }

  // The chart app/templates/chart.html draws for cards, drawn here from /v1/figure-summary.
  async function drawChart(summary, current) {
    const claims = summary.claims;
    const publishers = new Map();
    for (const claim of claims) {
      const id = claim.citations[0]?.source_id;
      if (id && !publishers.has(id)) publishers.set(id, sourceMeta(id).then((meta) => meta.publisher));
    }
    const scale = axis(claims.map((claim) => claim.value));
    const marker = `chart${++charts}-open`;
    const rows = el("ol", "claims");
    for (const claim of claims) {
      const id = claim.citations[0]?.source_id;
      const publisher = id ? await publishers.get(id) : "the source";
      const actor = claim.claimed_by_actor;
      const who = actor ? `claimed by ${actor.name}, per ${publisher}` : `stated by ${publisher}`;
      const [lower, upper] = [claim.lower_bound, claim.upper_bound];
      const start = lower === null ? 0 : scale.x(lower);
      const end = upper === null ? 100 : scale.x(upper);
      const bar = svg("svg", { class: "bar", width: "100%", height: "20", "aria-hidden": "true", focusable: "false" },
        svg("line", { class: "track", x1: "0%", x2: "100%", y1: "10", y2: "10" }));
      if (start !== end) {
        const range = svg("line", {
          class: lower === null || upper === null ? "range open" : "range",
          x1: `${start}%`, x2: `${end}%`, y1: "10", y2: "10",
        });
        if (lower === null) range.setAttribute("marker-start", `url(#${marker})`);
        if (upper === null) range.setAttribute("marker-end", `url(#${marker})`);
        bar.append(range);
      }
      bar.append(svg("circle", { class: "value", cx: `${scale.x(claim.value)}%`, cy: "10", r: "6" }));
      const label = [el("span", "words", amount(claim))];
      if (claim.scope) label.push(" ", el("span", "scope", `(${claim.scope})`));
      label.push(" ", el("span", "who", who), " ", el("span", "span", spanWords(lower, upper)), bar);
      const row = el("li", claim.id === current ? "claim-row current" : "claim-row",
        link(`#figures/${enc(claim.id)}`, "", ...label));
      rows.append(row);
    }
    const axisSvg = svg("svg", { class: "axis", width: "100%", height: "26", "aria-hidden": "true", focusable: "false" },
      svg("defs", {}, svg("marker", { id: marker, viewBox: "0 0 10 10", refX: "1", refY: "5", markerUnits: "userSpaceOnUse", markerWidth: "12", markerHeight: "12", orient: "auto-start-reverse" },
        svg("path", { class: "arrow", d: "M0,0 L10,5 L0,10 z" }))),
      svg("line", { class: "baseline", x1: "0%", x2: "100%", y1: "4", y2: "4" }));
    scale.ticks.forEach(([x, text], index, all) => {
      const anchor = index === 0 ? "start" : index === all.length - 1 ? "end" : "middle";
      axisSvg.append(
        svg("line", { class: "tick", x1: `${x}%`, x2: `${x}%`, y1: "0", y2: "8" }),
        svg("text", { x: `${x}%`, y: "22", "text-anchor": anchor }, text),
      );
    });
    return el("figure", "chart", el("figcaption", "", "What each claim’s words allow, by value"), rows, axisSvg);
  }

  async function competing(event, metric, current) {
    const summary = await cached(summaryUrl(event, metric));
    return summary.claims.length > 1 ? [await drawChart(summary, current)] : [];
  }

  function cardLinks(kind, id, json) {
    const links = el("p", "links");
    for (const [label, href] of [["Embeddable card", `embed/${kind}/${id}`], ["JSON", json]]) {
      links.append(...(links.childNodes.length ? [" · ", link(href, "", label)] : [link(href, "", label)]));
    }
    return links;
  }

  async function record(kind, id) {
    return records.get(`${kind}/${id}`) ?? getJSON(`v1/${kind}/${enc(id)}`);
  }

  async function factParts(kind, id) {
    const key = `${kind}/${id}`;
    const fact = await record(kind, id);
    const parts = [];
    if (kind === "events") {
      parts.push(el("p", "fact-label", fact.title), el("p", "", fact.summary));
      const metrics = Map.groupBy(fact.figures ?? [], (figure) => figure.metric);
      for (const [metric, figures] of metrics) {
        if (figures.length > 1) parts.push(...(await competing(fact.id, metric, null)));
      }
    } else if (kind === "figures") {
      const claim = fact.claimed_by_actor ? `, claimed by ${fact.claimed_by_actor.name}` : "";
      parts.push(el("p", "fact-label", `${figureLabel(fact)}${claim}`));
      if (fact.event_id) parts.push(...(await competing(fact.event_id, fact.metric, fact.id)));
    } else {
      parts.push(el("p", "fact-label", `${fact.speaker_actor?.name ?? fact.speaker}: ${statementText(fact)}`));
    }
    parts.push(el("h3", "", "In the source"), ...(await passages(key, fact.citations)));
    parts.push(cardLinks(kind, enc(id), `v1/${kind}/${enc(id)}`));
    return parts;
  }

  async function compareParts(event, metric) {
    const summary = await cached(summaryUrl(event, metric));
    const title = records.get(`events/${event}`)?.title ?? (await getJSON(`v1/events/${enc(event)}`)).title;
    return [
      el("p", "fact-label", `${words(metric).replace(/^./, (c) => c.toUpperCase())} in “${title}”`),
      summary.claims.length > 1
        ? await drawChart(summary, null)
        : el("p", "", "Only one live claim: nothing to compare yet."),
      el("p", "help", "Each claim links to its passage in the source."),
      cardLinks("compare", `${enc(event)}/${enc(metric)}`, summaryUrl(event, metric)),
    ];
  }

  async function showPanel(focus) {
    markCurrent();
    const panel = document.getElementById("panel");
    const body = document.getElementById("panel-body");
    const heading = document.getElementById("panel-heading");
    const raw = location.hash.slice(1);
    if (!raw) {
      panelToken++;
      panel.hidden = true;
      return;
    }
    const token = ++panelToken;
    let parts;
    let key = null;
    try {
      key = decodeURIComponent(raw);
    } catch {
      // A malformed address (`#%E0%A4%A`) names no record; the list is unaffected.
    }
    const fact = key && /^(events|figures|statements)\/([^/]+)$/.exec(key);
    const compare = /^compare\/([^/]+)\/(.+)$/.exec(raw);
    const names = { events: "Event", figures: "Figure", statements: "Statement" };
    heading.textContent = compare ? "Competing figures" : fact ? names[fact[1]] : "Not found";
    body.replaceChildren(el("p", "", "Loading…"));
    panel.hidden = false;
    try {
      if (fact) parts = await factParts(fact[1], fact[2]);
      else if (compare) parts = await compareParts(decodeURIComponent(compare[1]), decodeURIComponent(compare[2]));
      else parts = [el("p", "check bad", `“${key ?? raw}” is not the address of a fact.`)];
    } catch (error) {
      const what = error.status === 410 ? "This fact was retracted" : "Could not show it";
      parts = [el("p", "check bad", `${what}: ${error.message}`)];
    }
    if (token !== panelToken) return;
    body.replaceChildren(...parts);
    const mark = body.querySelector(".current, mark");
    if (mark) mark.scrollIntoView({ block: "center" });
    if (focus) heading.focus({ preventScroll: true });
  }

  // ---- Pickers: actors and places, looked up by name as the field is typed in ----

  // A combobox (WAI-ARIA's "list autocomplete"): typing asks `q` on the kind's list for a few
  // names, the arrow keys move through them, Enter or a click chooses one, and Escape closes
  // them. The field holds the chosen record's id, as the URL does; an id typed in still works.
  // A name typed in and sent without choosing is resolved to an id (resolve), or not sent.
  const PICKED = 10; // suggestions asked for: enough to choose from, small to send
  const PAUSE = 250; // ms of no typing before asking, so that a word costs one request
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // what the API takes as an id (a slug)
  const pickers = new Map(); // "actor" → resolve(shown): its text as an id, or null
  // How the API compares names (app/models/common.py, `fold`): case-folded, without accents.
  const UNDECOMPOSED = { ø: "o", ł: "l", đ: "d", ħ: "h", ı: "i", æ: "ae", œ: "oe", þ: "th", ð: "d", ß: "ss" };
  const fold = (text) =>
    text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/[øłđħıæœþðß]/g, (c) => UNDECOMPOSED[c]);

  function picker(input, path) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    const count = document.getElementById(`${input.id}-count`);
    const problem = document.getElementById(`${input.id}-problem`);
    let options = [];
    let active = -1;
    let timer = 0;
    let token = 0;
    let chosen = ""; // the id last chosen here

    const lookup = (text) => cached(`${path}?${new URLSearchParams({ q: text, limit: PICKED, sort: "name" })}`);

    function say(words) {
      problem.textContent = words;
      if (words) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    function show(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      if (!open) highlight(-1);
    }

    function highlight(index) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }

    function choose(option) {
      input.value = chosen = option.dataset.id;
      show(false);
      say("");
      count.textContent = `${option.dataset.name} chosen.`;
    }

    async function suggest() {
      const text = input.value.trim();
      const mine = ++token;
      if (!text) {
        options = [];
        list.replaceChildren();
        show(false);
        count.textContent = "";
        return;
      }
      let page;
      try {
        page = await lookup(text);
      } catch {
        if (mine === token) show(false); // without suggestions the field still takes an id
        return;
      }
      if (mine !== token) return; // a later keystroke asked again
      offer(page, text);
    }

    function offer(page, text) {
      options = page.data.map((item, index) => {
        const option = el("li", "", item.name, " ", el("span", "note", item.id));
        option.id = `${list.id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = item.id;
        option.dataset.name = item.name;
        return option;
      });
      active = -1;
      list.replaceChildren(...options);
      show(options.length > 0 && document.activeElement === input);
      count.textContent = options.length
        ? `${plural(options.length, "suggestion")}${page.next_cursor ? "; type more to narrow them" : ""}.`
        : `No ${input.id} named “${text}”.`;
    }

    // The id the field's text stands for when the form is sent (`shown`: the URL's), or null
    // after saying why there is none. The highlighted suggestion; else the text itself when it
    // is the id chosen or shown; else the one suggestion named exactly so (in any case, with
    // or without accents) or the only suggestion; else, when nothing is suggested, an id
    // typed in, if it is one.
    async function resolve(shown) {
      clearTimeout(timer);
      token++; // suggestions still on their way are not shown over the answer
      if (active >= 0 && !list.hidden) choose(options[active]);
      const text = input.value.trim();
      if (!text || text === chosen || (text === shown && ID.test(text))) return text;
      const typing = () => input.value.trim() !== text; // typed on meanwhile: not sent
      let page;
      try {
        page = await lookup(text);
      } catch (error) {
        if (!typing()) say(`Could not look up ${input.id}s: ${error.message}`);
        return null;
      }
      if (typing()) return null;
      const folded = fold(text);
      const named = (item) => [item.name, ...(item.aliases ?? [])].some((name) => fold(name) === folded);
      const exact = page.data.filter((item) => item.id === text || named(item));
      const found = exact.length === 1 ? exact[0] : page.data.length === 1 ? page.data[0] : null;
      if (found) {
        input.value = chosen = found.id;
        say("");
        count.textContent = `${found.name} chosen.`;
        return found.id;
      }
      if (!page.data.length && ID.test(text)) {
        try {
          await cached(`${path}/${enc(text)}`); // an id that no name holds
          if (typing()) return null;
          chosen = text;
          say("");
          return text;
        } catch {
          if (typing()) return null; // else: no such id either
        }
      }
      input.focus(); // the suggestions open beside the field, to choose from
      offer(page, text);
      count.textContent = ""; // the problem says it
      say(
        page.data.length
          ? `No single ${input.id} is named “${text}”: choose one of the ${page.data.length} suggestions.`
          : `No ${input.id} matches “${text}”.`,
      );
      return null;
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      say("");
      timer = setTimeout(suggest, PAUSE);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options.length) return;
        event.preventDefault();
        if (list.hidden) show(true);
        const step = event.key === "ArrowDown" ? 1 : -1;
        const start = active < 0 && step < 0 ? options.length : active;
        highlight((start + step + options.length) % options.length);
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault(); // chooses; the next Enter submits
        choose(options[active]);
      } else if (event.key === "Escape" && !list.hidden) {
        event.stopPropagation(); // closes the suggestions, not the panel
        show(false);
      }
    });
    input.addEventListener("blur", () => show(false));
    list.addEventListener("mousedown", (event) => event.preventDefault()); // the field keeps the focus
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) choose(option);
    });
    pickers.set(input.id, resolve);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("query");
    form.addEventListener("submit", submitForm);
    picker(form.elements.actor, "v1/actors");
    picker(form.elements.place, "v1/places");
    for (const id of ["clear", "close"]) {
      document.getElementById(id).addEventListener("click", (event) => {
        event.preventDefault();
        go(event.currentTarget.getAttribute("href"));
      });
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !document.getElementById("panel").hidden) go(document.getElementById("close").href);
    });
    window.addEventListener("popstate", route); // back, forward, and links to #facts
    route(); // the first screen
  });
})();
