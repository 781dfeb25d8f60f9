// Names for controls that the theme and the gallery leave without one, or name unlike what they
// show, so that a screen reader announces what a sighted reader sees (axe-core's rules
// summary-name, link-name and label-content-name-mismatch; the browser test checks).
document.addEventListener("DOMContentLoaded", () => {
  // pydata-sphinx-theme: the sidebar's expand/collapse toggles hold only an icon
  document.querySelectorAll("nav details > summary").forEach((summary) => {
    if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
    const entry = summary.parentElement.parentElement.querySelector(":scope > a");
    summary.setAttribute("aria-label", `Show or hide the pages under ${entry ? entry.textContent.trim() : "this entry"}`);
  });
  // pydata-sphinx-theme: the search button shows "Search Ctrl+K" but is labelled "Search"; a voice
  // user who says what they see would not reach it. Its text is its name.
  document.querySelectorAll("button.search-button__button[aria-label]").forEach((button) => {
    if (!button.textContent.replace(/\s+/g, " ").includes(button.getAttribute("aria-label"))) return;
    button.removeAttribute("aria-label");
  });
  // sphinx-gallery: a thumbnail's link text is hidden by its stylesheet; give the link its title
  document.querySelectorAll(".sphx-glr-thumbcontainer a").forEach((link) => {
    if (!link.hasAttribute("aria-label")) link.setAttribute("aria-label", link.textContent.trim());
  });
});
