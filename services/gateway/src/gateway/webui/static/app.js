// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that print the page (QR tickets).
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // Move focus to the error summary so screen readers announce it first.
  const errors = document.getElementById("form-errors");
  if (errors) errors.focus();
  // Ask before irreversible actions (closing a year, rejecting a plan).
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
});
