// The explorer: the timeline of /v1/timeline, and each fact's passage in its source text.
// Every URL is relative, so the page works wherever the app is mounted. Data only ever
// reaches the page as text nodes (append/textContent), never as markup.
"use strict";

(() => {
  const QUALIFIER = {
    exact: "",
    approximately: "approximately ",
    more_than: "more than ",
    at_least: "at least ",
    nearly: "nearly ",
    less_than: "less than ",
    at_most: "at most ",
  };
  const facts = new Map(); // "figures/war-2020-deaths" → {kind, record, label, button}
  const sources = new Map(); // source id → Promise of {meta, codePoints}
  let pressed = null;
  let shown = 0; // the latest show() wins when answers arrive out of order

  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children); // strings become text nodes
    return node;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  function displayWhen(when) {
    if (when === null) return "Undated";
    return when
      .split("/")
      .map((part) => (part === ".." ? "ongoing" : part))
      .join(" – ");
  }

  function amount(figure) {
    return `${QUALIFIER[figure.qualifier] ?? ""}${figure.value.toLocaleString("en")} ${figure.unit}`;
  }

  function factButton(kind, record, label, ...content) {
    const key = `${kind}/${record.id}`;
    const button = el("button", "fact", ...content);
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      if (location.hash === `#${key}`) show(key);
      else location.hash = key; // hashchange shows it, and the record gets a URL
    });
    facts.set(key, { kind, record, label, button });
    return button;
  }

  function renderEvent(event) {
    const when = el("time", "", displayWhen(event.when));
    if (event.start_date) when.dateTime = event.start_date;
    const where = event.place ? ` · ${event.place.name}` : "";
    const item = el(
      "li",
      "event",
      el("p", "when", when, ` · ${event.type.replaceAll("_", " ")}${where}`),
      el("h4", "", event.title),
      el("p", "summary", event.summary),
    );
    const count = event.citations.length;
    item.append(
      factButton(
        "events",
        event,
        event.title,
        `Evidence for this event (${count} citation${count === 1 ? "" : "s"})`,
      ),
    );
    if (event.figures.length) {
      const list = el("ul", "facts");
      for (const figure of event.figures) {
        const scope = figure.scope ? ` (${figure.scope})` : "";
        const claim = figure.claimed_by_actor
          ? ` · claimed by ${figure.claimed_by_actor.name}`
          : "";
        const label = `${amount(figure)}: ${figure.metric.replaceAll("_", " ")}${scope}`;
        list.append(
          el("li", "", factButton("figures", figure, label, el("span", "who", amount(figure)),
            ` ${figure.metric.replaceAll("_", " ")}${scope}`, el("span", "note", claim))),
        );
      }
      item.append(el("h5", "", "Figures"), list);
    }
    if (event.statements.length) {
      const list = el("ul", "facts");
      for (const statement of event.statements) {
        const quoted = statement.kind === "direct_quote";
        const text = quoted ? `“${statement.text}”` : statement.text;
        const label = `${statement.speaker_actor.name}: ${text}`;
        const note = quoted ? "" : " (paraphrase)";
        list.append(
          el("li", "", factButton("statements", statement, label,
            el("span", "who", statement.speaker_actor.name), `: ${text}`, el("span", "note", note))),
        );
      }
      item.append(el("h5", "", "Statements"), list);
    }
    return item;
  }

  function render(events, groups) {
    const years = document.getElementById("years");
    const byYear = new Map(groups.map((group) => [group.period, el("ol", "events")]));
    for (const event of events) {
      const year = event.start_date ? event.start_date.slice(0, 4) : null;
      byYear.get(year).append(renderEvent(event));
    }
    for (const group of groups) {
      const heading = group.period ?? "Undated";
      const count = `${group.count} event${group.count === 1 ? "" : "s"}`;
      years.append(el("h3", "year", `${heading} · ${count}`), byYear.get(group.period));
    }
  }

  async function loadTimeline() {
    const status = document.getElementById("status");
    const query = "v1/timeline?limit=100&group_by=year";
    const events = [];
    let page = await getJSON(query);
    const groups = page.groups;
    events.push(...page.data);
    while (page.next_cursor) {
      page = await getJSON(`${query}&cursor=${encodeURIComponent(page.next_cursor)}`);
      events.push(...page.data);
    }
    render(events, groups);
    const count = `${events.length} event${events.length === 1 ? "" : "s"}`;
    status.textContent = `${count}, oldest first.`;
  }

  function source(id) {
    if (!sources.has(id)) {
      const encoded = encodeURIComponent(id);
      sources.set(
        id,
        getJSON(`v1/sources/${encoded}`).then(async (meta) => {
          if (!meta.has_text) return { meta, codePoints: null };
          const response = await fetch(`v1/sources/${encoded}/text`);
          if (!response.ok) throw new Error(`source text ${id}: HTTP ${response.status}`);
          // Citation offsets count code points; JS strings index UTF-16 units.
          return { meta, codePoints: Array.from(await response.text()) };
        }),
      );
    }
    return sources.get(id);
  }

  // The text with each citation's [start, end) in a <mark>, and whether every slice is `exact`.
  function highlighted(codePoints, citations) {
    const text = el("div", "text");
    text.tabIndex = 0; // scrollable, so reachable by keyboard
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

  async function show(key) {
    const fact = facts.get(key);
    if (!fact) return;
    const token = ++shown;
    if (pressed) pressed.setAttribute("aria-pressed", "false");
    fact.button.setAttribute("aria-pressed", "true");
    pressed = fact.button;

    const panel = document.getElementById("panel");
    const body = document.getElementById("panel-body");
    const bySource = new Map();
    for (const citation of fact.record.citations) {
      if (!bySource.has(citation.source_id)) bySource.set(citation.source_id, []);
      bySource.get(citation.source_id).push(citation);
    }
    const parts = [el("p", "fact-label", fact.label)];
    try {
      for (const [id, citations] of bySource) {
        const { meta, codePoints } = await source(id);
        const via = [...new Set(citations.flatMap((citation) => citation.via))];
        const relayed = await Promise.all(via.map(async (v) => (await source(v)).meta.publisher));
        const relay = relayed.length ? `, relaying ${relayed.join(", ")}` : "";
        parts.push(el("p", "source-meta", `${meta.publisher}: “${meta.title}”${relay}`));
        if (codePoints === null) {
          for (const c of citations) parts.push(el("p", "text", "…", c.prefix, el("mark", "", c.exact), c.suffix, "…"));
          continue;
        }
        const { text, matches } = highlighted(codePoints, citations);
        parts.push(
          el(
            "p",
            matches ? "check ok" : "check bad",
            matches
              ? `✓ Each highlighted passage is exactly the cited text (${citations.length}).`
              : "✗ A citation does not match the stored text.",
          ),
          text,
        );
      }
    } catch (error) {
      parts.push(el("p", "check bad", `Could not load the source: ${error.message}`));
    }
    if (token !== shown) return;
    const [kind, id] = [fact.kind, encodeURIComponent(fact.record.id)];
    const links = el("p", "links");
    for (const [label, href] of [
      ["Embeddable card", `embed/${kind}/${id}`],
      ["JSON record", `v1/${kind}/${id}`],
    ]) {
      const link = el("a", "", label);
      link.href = href;
      links.append(...(links.childNodes.length ? [" · ", link] : [link]));
    }
    parts.push(links);
    body.replaceChildren(...parts);
    panel.hidden = false;
    const mark = body.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center" });
    document.getElementById("panel-heading").focus({ preventScroll: true });
  }

  function showHash() {
    if (location.hash.length > 1) show(decodeURIComponent(location.hash.slice(1)));
  }

  window.addEventListener("hashchange", showHash);
  document.addEventListener("DOMContentLoaded", () => {
    loadTimeline()
      .then(showHash)
      .catch((error) => {
        document.getElementById("status").textContent = `Could not load the timeline: ${error.message}`;
      });
  });
})();
