// The officials' workspace: keyboard keys in the review queue, the live taxonomy preview.
// Everything works without this script too (plain forms and buttons).
"use strict";

function reviewKeys() {
  const items = Array.from(document.querySelectorAll("[data-review-item]"));
  if (!items.length) return;
  let current = 0;
  const show = (i) => {
    items[current].classList.remove("current");
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].classList.add("current");
    items[current].focus();
  };
  items.forEach((item, i) => item.addEventListener("focusin", () => {
    items[current].classList.remove("current");
    current = i;
    item.classList.add("current");
  }));
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target instanceof HTMLElement && target.closest("input, textarea, select")) return;
    const press = (selector) => {
      const button = items[current].querySelector(selector);
      if (button) { event.preventDefault(); button.click(); }
    };
    if (event.key === "j") { event.preventDefault(); show(current + 1); }
    else if (event.key === "k") { event.preventDefault(); show(current - 1); }
    else if (event.key === "c") press("button[data-key=confirm]");
    else if (event.key === "r") press("button[data-key=reject]");
    else if (event.key === "a") {
      const field = items[current].querySelector("select[name=sector]");
      if (field) { event.preventDefault(); field.focus(); }
    }
  });
  show(0);
}

function livePreview() {
  const form = document.querySelector("form[data-preview-url]");
  const out = document.getElementById("preview");
  if (!form || !out) return;
  let timer = 0;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    out.setAttribute("aria-busy", "true");
    const answer = await fetch(form.dataset.previewUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "text/html" },
    });
    if (mine !== asked) return;  // a newer edit is on its way
    out.innerHTML = await answer.text();  // rendered and escaped by the server
    out.setAttribute("aria-busy", "false");
  };
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 400); });
}

document.addEventListener("DOMContentLoaded", () => { reviewKeys(); livePreview(); });
