// Citation markers: hovering shows the cited passage (CSS); a click or Enter pins it open.
// "Another report" adds a text box to the summarize form. No build step, no dependencies.
document.addEventListener("DOMContentLoaded", () => {
  const closeAll = (except) => {
    document.querySelectorAll(".cite.open").forEach((c) => {
      if (c !== except) { c.classList.remove("open"); c.setAttribute("aria-expanded", "false"); }
    });
  };
  document.querySelectorAll(".cite").forEach((cite) => {
    const toggle = (event) => {
      if (event.target.closest("a")) return;  // the link inside the passage still works
      event.preventDefault();
      const open = !cite.classList.contains("open");
      closeAll(cite);
      cite.classList.toggle("open", open);
      cite.setAttribute("aria-expanded", String(open));
    };
    cite.addEventListener("click", toggle);
    cite.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") toggle(e); });
  });
  document.addEventListener("click", (e) => { if (!e.target.closest(".cite")) closeAll(null); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeAll(null); });

  const more = document.getElementById("more-reports");
  if (more) {
    more.addEventListener("click", () => {
      const box = document.getElementById("reports");
      const label = document.createElement("label");
      label.textContent = "Report " + (box.querySelectorAll("textarea").length + 1);
      const area = document.createElement("textarea");
      area.name = "reports";
      area.rows = 6;
      label.appendChild(area);
      box.appendChild(label);
      area.focus();
    });
  }
});
