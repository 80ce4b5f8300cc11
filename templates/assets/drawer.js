// The navigation drawer of a narrow screen, for the keyboard. The theme's menu button is a
// label, which Tab never reaches, while the closed drawer's links stay in the tab order off
// the screen, so that focus went where no one could see it. Here the button becomes a button
// (Enter or Space opens the drawer and focus moves into it; Escape closes it and focus comes back), and
// site.css takes the closed drawer out of the tab order once this has run (html.drawer-keys).
(() => {
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector('label.md-header__button[for="__drawer"]');
  const drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  document.documentElement.classList.add("drawer-keys");
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");
  const mark = () => button.setAttribute("aria-expanded", String(toggle.checked));
  mark();
  toggle.addEventListener("change", () => {
    mark();
    if (!toggle.checked || document.activeElement !== button) return;
    // Opened from the keyboard: focus moves into the drawer once it is shown (a hidden
    // element takes no focus).
    requestAnimationFrame(() => {
      const first = drawer.querySelector("a[href], [tabindex='0']");
      if (first) first.focus();
    });
  });
  // The theme clicks a focused label on Enter; Space is a button's other key.
  button.addEventListener("keydown", (event) => {
    if (event.key !== " ") return;
    event.preventDefault();
    button.click();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    button.click();
    button.focus();
  });
})();
