// The course site's one script: it only makes pages livelier; every page and form works without it.
"use strict";

let grading = false; // while this page's own grade is on its way, its answer brings the new attempt

// The assignment page reloads itself when a new attempt lands (graded here, by `dlspec submit` or `dlspec watch`).
function pollAttempts(main) {
  const url = main.dataset.poll;
  let known = main.dataset.attempts;
  setInterval(async () => {
    try {
      const response = await fetch(url, { cache: "no-store" });
      if (grading || !response.ok) return;
      const now = String((await response.json()).attempts);
      if (now !== known) {
        known = now;
        window.location.assign(window.location.pathname + "#latest");
        window.location.reload();
      }
    } catch (e) {
      // The server stopped (Ctrl-C); the page stays as it is.
    }
  }, 2000);
}

// Grading takes a second or two: say so, and keep a double click from grading twice.
function markGrading(form) {
  form.addEventListener("submit", () => {
    grading = true;
    const button = form.querySelector("button");
    button.disabled = true;
    button.textContent = "Grading…";
    const status = document.getElementById("grade-status");
    if (status) status.textContent = "Grading your saved notebook…";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const main = document.querySelector("main[data-poll]");
  if (main) pollAttempts(main);
  document.querySelectorAll("form.grade-form").forEach(markGrading);
});
