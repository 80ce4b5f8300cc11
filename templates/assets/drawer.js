// The navigation drawer of a narrow screen, for the keyboard. The theme's menu button is a
// label, which Tab never reaches, while the closed drawer's links stayed in the tab order
// off the screen, where no one could see the focus. Here the button becomes a button:
// Enter (which the theme turns into a click) or Space opens the drawer and focus moves
// into it; Escape closes it and focus comes back. site.css takes the closed drawer out of
// the tab order once this has run (html.drawer-keys).
(() => {
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector('label.md-header__button[for="__drawer"]');
  const drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  document.documentElement.classList.add("drawer-keys");
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Menu");
  let byKey = false; // the drawer is being opened from the keyboard, not by a click or tap
  const mark = () => button.setAttribute("aria-expanded", String(toggle.checked));
  mark();
  toggle.addEventListener("change", () => {
    mark();
    const opened = toggle.checked && byKey;
    byKey = false;
    if (opened) {
      // Focus moves once the drawer is shown: a hidden element takes no focus.
      requestAnimationFrame(() => {
        const first = drawer.querySelector("a[href], [tabindex='0']");
        if (first) first.focus();
      });
    } else if (!toggle.checked && drawer.contains(document.activeElement)) {
      button.focus(); // closed by the overlay: focus leaves the drawer it was in
    }
  });
  button.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    byKey = true;
    setTimeout(() => {
      byKey = false; // the click it makes changes the drawer at once, or not at all
    });
    if (event.key === " ") {
      event.preventDefault();
      button.click();
    }
  });
  document.addEventListener("keydown", (event) => {
    // Not when another part of the page took Escape, nor on a wide screen with no button.
    if (event.key !== "Escape" || event.defaultPrevented || !toggle.checked) return;
    if (button.offsetParent === null) return;
    button.click();
    button.focus();
  });
})();
