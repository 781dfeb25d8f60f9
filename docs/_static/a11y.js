// Names for two controls that the theme and the gallery leave without one, so that a screen
// reader can announce them (axe-core's rules summary-name and link-name; the browser test checks).
document.addEventListener("DOMContentLoaded", () => {
  // pydata-sphinx-theme: the sidebar's expand/collapse toggles hold only an icon
  document.querySelectorAll("nav details > summary").forEach((summary) => {
    if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
    const entry = summary.parentElement.parentElement.querySelector(":scope > a");
    summary.setAttribute("aria-label", `Show or hide the pages under ${entry ? entry.textContent.trim() : "this entry"}`);
  });
  // sphinx-gallery: a thumbnail's link text is hidden by its stylesheet; give the link its title
  document.querySelectorAll(".sphx-glr-thumbcontainer a").forEach((link) => {
    if (!link.hasAttribute("aria-label")) link.setAttribute("aria-label", link.textContent.trim());
  });
});
