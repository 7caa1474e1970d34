// Small behaviours of every page, kept out of inline handlers so the Content Security Policy can refuse
// every script that is not one of our files.

// <form data-confirm="Delete this?">: ask first.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset?.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// <input data-autosubmit>: a change saves its form at once (a <noscript> button does it without JavaScript).
document.addEventListener("change", (event) => {
  if (event.target.matches?.("[data-autosubmit]")) event.target.form?.requestSubmit();
});

// <a data-back href="/fallback">: back to the previous page when there is one.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
